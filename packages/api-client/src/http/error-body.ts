import { isPlainObject } from "../parse/lists.ts";

/** Hiboutik's error body: `{ error, code, error_description, details }`. */
export interface ErrorBody {
  readonly error: string | null;
  readonly code: number | string | null;
  readonly description: string | null;
  /** Field → message, given on 422. */
  readonly details: Readonly<Record<string, string>>;
}

export function readErrorBody(body: unknown): ErrorBody | null {
  if (!isPlainObject(body)) return null;
  const { error, code, error_description: description, details } = body;
  if (error === undefined && code === undefined && description === undefined) return null;
  return {
    error: typeof error === "string" && error !== "" ? error : null,
    code: typeof code === "number" || (typeof code === "string" && code !== "") ? code : null,
    description: typeof description === "string" && description !== "" ? description : null,
    details: readDetails(details),
  };
}

/** `code == 1` is Hiboutik's "the token is invalid, refresh it". */
export function isInvalidTokenCode(body: ErrorBody | null): boolean {
  return body !== null && Number(body.code) === 1;
}

/**
 * A 2xx body that is really an error (`{ error, code }` and nothing else a record would have).
 * Hiboutik's own OAuth class checks `code` on every response, so we do too.
 */
export function errorBodyIn2xx(body: unknown): ErrorBody | null {
  if (!isPlainObject(body) || typeof body.error !== "string" || body.code === undefined)
    return null;
  const known = new Set(["error", "code", "error_description", "details"]);
  return Object.keys(body).every((key) => known.has(key)) ? readErrorBody(body) : null;
}

function readDetails(details: unknown): Record<string, string> {
  if (!isPlainObject(details)) return {};
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(details)) {
    out[field] = typeof message === "string" ? message : JSON.stringify(message);
  }
  return out;
}
