import { InvalidBlobKeyError } from "./errors.ts";

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Suffixes the filesystem driver keeps for itself (temporary files and metadata). */
export const RESERVED_SUFFIXES = [".meta.json", ".tmp"] as const;

/**
 * Keys look like `feeds/42/01HV….xml.gz`: segments of letters, digits, `.`, `_`, `-`, not
 * starting with a dot (no `..`, no hidden files), so a key can never escape the store's root.
 */
export function assertValidKey(key: string): void {
  if (key.length === 0 || key.length > 512)
    throw new InvalidBlobKeyError(key, "1 to 512 characters");
  for (const segment of key.split("/")) {
    if (!SEGMENT.test(segment)) {
      throw new InvalidBlobKeyError(
        key,
        "segments must start with a letter or digit and use only letters, digits, '.', '_' and '-'",
      );
    }
  }
  if (RESERVED_SUFFIXES.some((suffix) => key.endsWith(suffix)) || key.includes(".tmp-")) {
    throw new InvalidBlobKeyError(key, `keys may not end with ${RESERVED_SUFFIXES.join(" or ")}`);
  }
}

/** A prefix is a key fragment: empty, or safe segments with an optional trailing `/`. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === "") return;
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  const segments = trimmed.split("/");
  for (const segment of segments) {
    if (!/^[A-Za-z0-9._-]*$/.test(segment) || segment === "." || segment === "..") {
      throw new InvalidBlobKeyError(prefix, "not a valid key prefix");
    }
  }
}
