import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { BlobInfo, BlobReadResult, BlobStore, GetOptions, PutOptions } from "./blob-store.ts";
import { RangeNotSatisfiableError } from "./errors.ts";
import { assertValidKey, assertValidPrefix } from "./keys.ts";

/**
 * An in-memory BlobStore with the same contract as the filesystem driver, for tests and dry
 * runs. `now` is injected so that lastModified can be made deterministic.
 */
export function createMemoryStore(options: { now?: () => Date } = {}): BlobStore {
  const now = options.now ?? (() => new Date());
  const blobs = new Map<string, { bytes: Buffer; info: BlobInfo }>();

  return {
    async put(key, body, putOptions: PutOptions) {
      assertValidKey(key);
      const chunks: Buffer[] = [];
      for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
        putOptions.signal?.throwIfAborted();
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
      }
      putOptions.signal?.throwIfAborted();
      const bytes = Buffer.concat(chunks);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const info: BlobInfo = {
        key,
        size: bytes.byteLength,
        etag: `"${sha256}"`,
        sha256,
        lastModified: now(),
        contentType: putOptions.contentType,
        contentEncoding: putOptions.contentEncoding ?? null,
      };
      blobs.set(key, { bytes, info });
      return info;
    },
    async get(key, getOptions: GetOptions = {}): Promise<BlobReadResult | null> {
      assertValidKey(key);
      const blob = blobs.get(key);
      if (!blob) return null;
      const range = getOptions.range;
      if (range === undefined)
        return { info: blob.info, body: Readable.from([blob.bytes]), range: null };
      const size = blob.bytes.byteLength;
      if (range.start < 0 || range.start >= size)
        throw new RangeNotSatisfiableError(key, range.start, size);
      const end = Math.min(range.end ?? size - 1, size - 1);
      if (end < range.start) throw new RangeNotSatisfiableError(key, range.start, size);
      return {
        info: blob.info,
        body: Readable.from([blob.bytes.subarray(range.start, end + 1)]),
        range: { start: range.start, end },
      };
    },
    async head(key) {
      assertValidKey(key);
      return blobs.get(key)?.info ?? null;
    },
    async delete(key) {
      assertValidKey(key);
      return blobs.delete(key);
    },
    async *list(prefix) {
      assertValidPrefix(prefix);
      const keys = [...blobs.keys()].filter((key) => key.startsWith(prefix)).sort();
      for (const key of keys) {
        const blob = blobs.get(key);
        if (blob) yield blob.info;
      }
    },
  };
}
