import { createHash } from "node:crypto";

/**
 * A short, stable digest of a JSON-like value: object keys are sorted, so the same content
 * hashes the same whatever order Hiboutik wrote its keys in.
 */
export function contentDigest(value: unknown): string {
  return createHash("sha1").update(canonicalJson(value)).digest("base64url");
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort())
      sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
