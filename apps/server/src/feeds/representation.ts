/**
 * Which bytes a feed URL answers with. A live generation is stored once (usually gzip); the
 * URL's file name and the client's Accept-Encoding select one of these representations.
 */
export interface Representation {
  /**
   * - `file`: the stored bytes as they are (a `.gz` name on a gzip blob, or a plain name on a
   *   plain blob);
   * - `gzip-encoded`: a plain name, gzip blob, client accepts gzip: the stored bytes with
   *   `Content-Encoding: gzip`;
   * - `gunzip`: a plain name, gzip blob, client does not accept gzip: decompressed on the fly.
   */
  readonly kind: "file" | "gzip-encoded" | "gunzip";
  readonly contentType: string;
  readonly contentEncoding: "gzip" | null;
  /** Strong, quoted, distinct per representation of the same URL. */
  readonly etag: string;
  /** Bytes of the body, or null when unknown before streaming (decompressed on the fly). */
  readonly length: number | null;
  /** Whether byte ranges are offered (only over bytes we can address without decoding). */
  readonly ranges: boolean;
  /** The representation depends on Accept-Encoding. */
  readonly varies: boolean;
}

export interface StoredFeed {
  readonly storedGzip: boolean;
  readonly wantsGzipFile: boolean;
  /** Of the uncompressed feed, with charset. */
  readonly contentType: string;
  /** The blob's strong ETag and size (stored bytes). */
  readonly etag: string;
  readonly size: number;
}

/** A `.gz` file is served as such: see `selectRepresentation`. */
export const GZIP_FILE_TYPE = "application/gzip";

/**
 * `.gz` names are served as the file `application/gzip` with no Content-Encoding: that is what
 * the name promises, what Merchant Center and the other fetchers accept for a compressed feed
 * (they detect gzip from the bytes), and what `curl -O` saves byte-for-byte. Labelling it
 * `Content-Encoding: gzip` instead would make browsers, `curl --compressed` and most HTTP
 * libraries silently decompress it, leaving plain XML in a file named `.gz`, and would make
 * Range offsets ambiguous for clients that decode.
 *
 * A `.gz` name on a feed stored plain is not served (null → 404, like any unknown file): compressing
 * on the fly would cost about a second of CPU per 50 MB fetch on a public, unauthenticated URL
 * and would give neither a length nor ranges. The published URL names the stored form.
 *
 * Plain names on a gzip blob are sent gzip-encoded when the client accepts it (cheap: the stored
 * bytes) and decompressed on the fly otherwise (rare: fetchers accept gzip). The decompressed
 * form has no known length before streaming and no ranges (a range would need the whole prefix
 * decoded), so it is sent chunked with `Accept-Ranges: none`.
 */
export function selectRepresentation(
  feed: StoredFeed,
  clientAcceptsGzip: boolean,
): Representation | null {
  if (feed.wantsGzipFile) {
    if (!feed.storedGzip) return null;
    return {
      kind: "file",
      contentType: GZIP_FILE_TYPE,
      contentEncoding: null,
      etag: feed.etag,
      length: feed.size,
      ranges: true,
      varies: false,
    };
  }
  if (!feed.storedGzip) {
    return {
      kind: "file",
      contentType: feed.contentType,
      contentEncoding: null,
      etag: feed.etag,
      length: feed.size,
      ranges: true,
      varies: false,
    };
  }
  if (clientAcceptsGzip) {
    return {
      kind: "gzip-encoded",
      contentType: feed.contentType,
      contentEncoding: "gzip",
      etag: feed.etag,
      length: feed.size,
      ranges: true,
      varies: true,
    };
  }
  return {
    kind: "gunzip",
    contentType: feed.contentType,
    contentEncoding: null,
    etag: identityTag(feed.etag),
    length: null,
    ranges: false,
    varies: true,
  };
}

/** `"abc"` → `"abc-identity"`: the decoded bytes differ from the stored ones, so must the tag. */
function identityTag(etag: string): string {
  return `${etag.slice(0, -1)}-identity"`;
}
