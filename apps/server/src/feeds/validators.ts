/**
 * Conditional request evaluation (RFC 9110 §13): entity-tag lists, weak and strong comparison,
 * HTTP dates. Pure functions so every rule is tested without a server.
 */

interface EntityTag {
  readonly weak: boolean;
  /** The quoted opaque part, quotes included, e.g. `"abc"`. */
  readonly opaque: string;
}

/** `*`, or the entity tags of an If-None-Match / If-Match list; malformed members are skipped. */
export function parseEntityTags(header: string): "*" | EntityTag[] {
  if (header.trim() === "*") return "*";
  const tags: EntityTag[] = [];
  // Opaque tags may contain commas in theory; match quoted tags rather than splitting on ",".
  for (const match of header.matchAll(/(W\/)?("[^"]*")/g)) {
    tags.push({ weak: match[1] !== undefined, opaque: match[2] as string });
  }
  return tags;
}

function split(etag: string): EntityTag {
  return etag.startsWith("W/")
    ? { weak: true, opaque: etag.slice(2) }
    : { weak: false, opaque: etag };
}

/** If-None-Match uses the weak comparison: `W/"x"` matches `"x"`. */
export function noneMatchHits(header: string, currentEtag: string): boolean {
  const tags = parseEntityTags(header);
  if (tags === "*") return true;
  const current = split(currentEtag).opaque;
  return tags.some((tag) => tag.opaque === current);
}

/** Strong comparison (If-Range): both tags strong and identical. */
export function strongMatch(candidate: string, currentEtag: string): boolean {
  const a = split(candidate.trim());
  const b = split(currentEtag);
  return !a.weak && !b.weak && a.opaque === b.opaque;
}

/** Milliseconds since the epoch of an HTTP date (IMF-fixdate and the obsolete forms), or null. */
export function parseHttpDate(value: string): number | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** HTTP dates have one-second resolution; compare at that resolution. */
export function toHttpSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** If-Modified-Since: true when the representation has not changed since the given date. */
export function notModifiedSince(header: string, lastModified: Date): boolean {
  const since = parseHttpDate(header);
  if (since === null) return false;
  return toHttpSeconds(lastModified) <= Math.floor(since / 1000);
}

/**
 * If-Range: the range applies only if the validator still names the current representation:
 * an entity tag by strong comparison, or a date equal to Last-Modified. Anything else (weak
 * tag, other date, garbage) means "send the whole thing".
 */
export function ifRangeHolds(header: string, currentEtag: string, lastModified: Date): boolean {
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith("W/")) return strongMatch(value, currentEtag);
  const date = parseHttpDate(value);
  return date !== null && Math.floor(date / 1000) === toHttpSeconds(lastModified);
}
