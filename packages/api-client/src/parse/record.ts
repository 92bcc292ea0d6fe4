import type { z } from "zod";
import {
  HiboutikInvalidRecordError,
  HiboutikMalformedResponseError,
  HiboutikNotFoundError,
  type RecordIssue,
} from "../http/errors.ts";
import { isPlainObject } from "./lists.ts";

/** A record exactly as Hiboutik sent it. */
export type WireRecord = Readonly<Record<string, unknown>>;

/** Per-record outcome of a list: a parsed value, or the reason the record was left out. */
export type RecordResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: HiboutikInvalidRecordError };

export interface RecordCodec<T> {
  readonly resource: string;
  parse(raw: unknown, endpoint: string): RecordResult<T>;
}

export interface RecordSpec<S extends z.ZodType, T> {
  /** Singular name used in messages: "product", "sale". */
  readonly resource: string;
  /** Wire keys that may hold the record's id, in order of preference. */
  readonly idKeys: readonly string[];
  readonly schema: S;
  /** Wire → domain; `raw` is the untouched record, to keep on the result. */
  readonly build: (wire: z.output<S>, raw: WireRecord) => T;
}

export function defineRecord<S extends z.ZodType, T>(spec: RecordSpec<S, T>): RecordCodec<T> {
  return {
    resource: spec.resource,
    parse(raw, endpoint) {
      if (!isPlainObject(raw)) {
        return invalidRecord(spec.resource, endpoint, null, raw, [
          { field: "(record)", value: raw, message: "expected an object" },
        ]);
      }
      const result = spec.schema.safeParse(raw);
      if (result.success) return { ok: true, value: spec.build(result.data, raw) };
      const issues = result.error.issues.map((issue) => ({
        field: issue.path.map(String).join(".") || "(record)",
        value: valueAt(raw, issue.path),
        message: issue.message,
      }));
      return invalidRecord(spec.resource, endpoint, recordId(raw, spec.idKeys), raw, issues);
    },
  };
}

/** Parses one record or throws its HiboutikInvalidRecordError (single-record reads). */
export function parseOrThrow<T>(codec: RecordCodec<T>, raw: unknown, endpoint: string): T {
  const result = codec.parse(raw, endpoint);
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * The rows of a list response: a bare array normally; `{ data: [...] }` and PHP-style objects
 * with numeric keys are tolerated; null or an empty body is an empty list.
 */
export function listRows(body: unknown, endpoint: string): unknown[] {
  if (Array.isArray(body)) return body;
  if (body === null || body === "") return [];
  if (isPlainObject(body)) {
    if (Array.isArray(body.data)) return body.data;
    const keys = Object.keys(body);
    if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) return Object.values(body);
    return [body];
  }
  throw new HiboutikMalformedResponseError(
    `Hiboutik answered ${endpoint} with ${describeShape(body)} where a list was expected. ` +
      "Check that the API URL points at Hiboutik's /api; report it if it persists.",
    { status: 200, code: null, endpoint },
  );
}

/** The record of a single GET: Hiboutik wraps it in a one-element array; a bare object is fine too. */
export function singleRow(body: unknown, endpoint: string): unknown {
  const rows = listRows(body, endpoint);
  const [first] = rows;
  if (first === undefined) {
    throw new HiboutikNotFoundError(
      `Hiboutik returned no record for ${endpoint}. Check the id; the record may have been deleted.`,
      { status: 200, code: null, endpoint },
    );
  }
  return first;
}

/** Builds the rejected outcome for a record; exported for codecs that are not zod objects. */
export function invalidRecord(
  resource: string,
  endpoint: string,
  id: string | number | null,
  raw: unknown,
  issues: RecordIssue[],
): RecordResult<never> {
  const listed = issues
    .slice(0, 5)
    .map((issue) => `${issue.field} = ${preview(issue.value)} (${issue.message})`)
    .join("; ");
  const more = issues.length > 5 ? ` and ${issues.length - 5} more` : "";
  const name = id === null ? resource : `${resource} ${id}`;
  return {
    ok: false,
    error: new HiboutikInvalidRecordError(
      `Hiboutik ${name} from ${endpoint} is invalid: ${listed}${more}. The record was not ` +
        "read; correct it in Hiboutik, or report the format if the value looks legitimate.",
      { status: 200, code: null, endpoint, resource, recordId: id, issues, raw },
    ),
  };
}

function recordId(raw: Record<string, unknown>, keys: readonly string[]): string | number | null {
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === "string" || typeof value === "number") return value;
  }
  return null;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current = raw;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function preview(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeShape(body: unknown): string {
  return typeof body === "string" ? "text" : typeof body;
}
