import { z } from "zod";
import { isBlank } from "./codec.ts";

/**
 * An embedded list (sizes, stock rows, line items). Absent, "" and `false` mean empty, and a
 * PHP-style object with numeric keys ({"0": …, "1": …}) is read as the array it stands for.
 */
export function listField<T extends z.ZodType>(element: T) {
  return z.preprocess(asList, z.array(element));
}

/** The normalisation `listField` applies, for code that walks the raw rows alongside. */
export function asList(value: unknown): unknown {
  if (isBlank(value) || value === false) return [];
  if (isPlainObject(value) && Object.keys(value).every((key) => /^\d+$/.test(key))) {
    return Object.values(value);
  }
  return value;
}

/** The i-th raw row of an embedded list, as a record (for `raw` on nested results). */
export function rawRowAt(list: unknown, index: number): Readonly<Record<string, unknown>> {
  const rows = asList(list);
  const row = Array.isArray(rows) ? rows[index] : undefined;
  return isPlainObject(row) ? row : {};
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
