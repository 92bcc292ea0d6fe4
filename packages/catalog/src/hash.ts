import { createHash } from "node:crypto";

/**
 * A short, stable digest of a JSON-like value: object keys are sorted, so the same content
 * hashes the same whatever order Hiboutik wrote its keys in.
 */
export function contentDigest(value: unknown): string {
  return digestOf(canonicalJson(value));
}

/** The digest of a text already in canonical form. */
export function digestOf(canonical: string): string {
  return createHash("sha1").update(canonical).digest("base64url");
}

/**
 * JSON.stringify of the value with every object's keys inserted in sorted order (JavaScript then
 * lists integer-like keys first, in numeric order), `omit` keys left out of the top level.
 * The sorted copy is made first and written by one native JSON.stringify: a replacer function,
 * called for every value, made hashing the sync's costliest step (18 → 13 µs a product).
 */
export function canonicalJson(value: unknown, omit?: ReadonlySet<string>): string {
  return JSON.stringify(sortedCopy(value, omit)) ?? "undefined";
}

function sortedCopy(value: unknown, omit?: ReadonlySet<string>): unknown {
  if (value === null || typeof value !== "object") return value;
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === "function") return sortedCopy(json.call(value));
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = sortedCopy(value[index]);
    return copy;
  }
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (omit?.has(key)) continue;
    copy[key] = sortedCopy(record[key]);
  }
  return copy;
}
