import type { Readable } from "node:stream";

/** What a store knows about one stored blob. */
export interface BlobInfo {
  readonly key: string;
  /** Bytes as stored (compressed bytes for a gzipped feed). */
  readonly size: number;
  /**
   * Strong ETag, quoted, for HTTP. Derived from the content hash when the driver knows it;
   * a driver that cannot know it (e.g. an S3 multipart object) gives its own strong tag.
   */
  readonly etag: string;
  /** Lowercase hex SHA-256 of the stored bytes, or null when the driver does not know it. */
  readonly sha256: string | null;
  readonly lastModified: Date;
  readonly contentType: string;
  /** e.g. "gzip" for a `.gz` feed; null for identity. */
  readonly contentEncoding: string | null;
}

export interface PutOptions {
  readonly contentType: string;
  readonly contentEncoding?: string | null;
  /** Aborting leaves any previous blob under the key untouched. */
  readonly signal?: AbortSignal;
}

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`; `end` defaults to the last byte. */
export interface ByteRange {
  readonly start: number;
  readonly end?: number;
}

export interface GetOptions {
  readonly range?: ByteRange;
}

export interface BlobReadResult {
  readonly info: BlobInfo;
  /** The bytes requested: the whole blob, or the satisfiable part of `range`. */
  readonly body: Readable;
  /** Inclusive bounds actually served; null when the whole blob is served. */
  readonly range: { readonly start: number; readonly end: number } | null;
}

/**
 * Streaming blob storage for feeds and documents. Every `put` is atomic: readers see the
 * previous blob or the complete new one, never a partial write, and a failed or aborted `put`
 * leaves the previous blob as it was. Keys are `/`-separated paths of safe segments.
 */
export interface BlobStore {
  put(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options: PutOptions,
  ): Promise<BlobInfo>;
  /** null when the key does not exist. Throws RangeNotSatisfiableError for a range past the end. */
  get(key: string, options?: GetOptions): Promise<BlobReadResult | null>;
  head(key: string): Promise<BlobInfo | null>;
  /** true when something was deleted. */
  delete(key: string): Promise<boolean>;
  /** Blobs whose key starts with `prefix`, in ascending key order. */
  list(prefix: string): AsyncIterable<BlobInfo>;
}
