import { createHash } from "node:crypto";

/**
 * A short, stable digest of a JSON-like value: object keys are sorted, so the same content
 * hashes the same whatever order Hiboutik wrote its keys in.
 */
export function contentDigest(value: unknown, omit?: ReadonlySet<string>): string {
  return createHash("sha1").update(canonicalJson(value, omit)).digest("base64url");
}

/** Keys seen so far, and the same keys in canonical order (see canonicalJson). */
const knownKeys = new Set<string>();
let orderedKeys: string[] = [];
/** Beyond this many distinct keys (ids used as keys, say) the list starts again. */
const MAX_KNOWN_KEYS = 1_000;
/** One list per set of omitted keys (a handful of constant sets). */
const listsWithout = new Map<ReadonlySet<string>, string[]>();

/**
 * The text JSON.stringify gives for the value with every object's keys inserted in sorted
 * order (so integer-like keys first, in numeric order, as JavaScript lists them), `omit` keys
 * left out of every object. JSON.stringify writes exactly the keys of a property list, in its
 * order, at every depth: given every key the value holds, sorted, it writes the canonical form
 * natively, without the sorted copies or per-value replacer calls that cost a sync ~14 KB of
 * garbage per product. The list is kept across calls: Hiboutik records share their keys.
 */
export function canonicalJson(value: unknown, omit?: ReadonlySet<string>): string {
  if (!collectKeys(value, 0)) {
    // A key never seen: sort the list again (and forget it all if it grew without bound).
    if (knownKeys.size > MAX_KNOWN_KEYS) {
      knownKeys.clear();
      collectKeys(value, 0);
    }
    orderedKeys = sortKeys([...knownKeys]);
    listsWithout.clear();
  }
  let keys = orderedKeys;
  if (omit !== undefined && omit.size > 0) {
    keys = listsWithout.get(omit) ?? orderedKeys.filter((key) => !omit.has(key));
    listsWithout.set(omit, keys);
  }
  return JSON.stringify(value, keys) ?? "undefined";
}

/** Adds the keys of every object in the value to knownKeys; false if one was new. */
function collectKeys(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== "object") return true;
  // JSON.stringify throws on cycles; stop walking long before it gets there.
  if (depth > 64) return true;
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === "function") return collectKeys(json.call(value), depth + 1);
  let known = true;
  if (Array.isArray(value)) {
    for (const item of value) known = collectKeys(item, depth + 1) && known;
    return known;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!knownKeys.has(key)) {
      knownKeys.add(key);
      known = false;
    }
    known = collectKeys((value as Record<string, unknown>)[key], depth + 1) && known;
  }
  return known;
}

/** Integer-like keys first in numeric order, then the others sorted, as a sorted copy lists them. */
function sortKeys(keys: string[]): string[] {
  const integers = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  const others = keys.filter((key) => !isArrayIndex(key)).sort();
  return [...integers, ...others];
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4_294_967_295;
}
