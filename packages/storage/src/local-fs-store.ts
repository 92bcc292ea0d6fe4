import { createHash, randomUUID } from "node:crypto";
import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
} from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { Readable } from "node:stream";
import type { BlobInfo, BlobReadResult, BlobStore, GetOptions, PutOptions } from "./blob-store.ts";
import { contentTypeForKey } from "./content-type.ts";
import { RangeNotSatisfiableError } from "./errors.ts";
import { assertValidKey, assertValidPrefix } from "./keys.ts";

/**
 * Read size of blob downloads. 1 MiB reads instead of the 64 KiB default: a 50 MB page-cached
 * file streams in 9.5 ms instead of 36 ms (median of 7), and whole downloads were 1.7–2× faster,
 * with fewer reads through the thread pool and fewer chunks downstream. The cost is up to 1 MiB
 * buffered per open download; a small range still reads only its own bytes.
 */
const READ_CHUNK = 1024 * 1024;

export interface LocalFsStoreOptions {
  /** Directory holding the blobs, e.g. `${COMPTOIR_DATA_DIR}/blobs`; created on first write. */
  readonly root: string;
}

/**
 * Sidecar written next to each blob. It names the inode of the data file it describes, so a
 * sidecar left stale by a crash between the two renames is detected instead of trusted.
 */
interface Sidecar {
  readonly version: 1;
  readonly ino: number;
  readonly size: number;
  readonly sha256: string;
  readonly contentType: string;
  readonly contentEncoding: string | null;
}

const META_SUFFIX = ".meta.json";
const TMP_MARK = ".tmp-";

/**
 * Blobs as files under `root`. A put streams into `<key>.tmp-<uuid>` while hashing, fsyncs,
 * then renames over `<key>` (atomic on POSIX filesystems) and fsyncs the directory.
 */
export function createLocalFsStore(options: LocalFsStoreOptions): BlobStore {
  const root = options.root;
  const pathOf = (key: string) => join(root, ...key.split("/"));

  async function put(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    putOptions: PutOptions,
  ): Promise<BlobInfo> {
    assertValidKey(key);
    const target = pathOf(key);
    const directory = dirname(target);
    await mkdir(directory, { recursive: true });
    const suffix = `${TMP_MARK}${randomUUID()}`;
    const dataTmp = `${target}${suffix}`;
    const metaTmp = `${target}${META_SUFFIX}${suffix}`;
    let handle: FileHandle | undefined;
    try {
      handle = await open(dataTmp, "wx", 0o644);
      const hash = createHash("sha256");
      let size = 0;
      for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
        putOptions.signal?.throwIfAborted();
        const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        hash.update(bytes);
        size += bytes.byteLength;
        // Awaiting each write is the backpressure: the body is not read faster than the disk.
        await handle.write(bytes);
      }
      putOptions.signal?.throwIfAborted();
      await handle.sync();
      const fileStat = await handle.stat();
      await handle.close();
      handle = undefined;
      const sidecar: Sidecar = {
        version: 1,
        ino: fileStat.ino,
        size,
        sha256: hash.digest("hex"),
        contentType: putOptions.contentType,
        contentEncoding: putOptions.contentEncoding ?? null,
      };
      await writeDurably(metaTmp, JSON.stringify(sidecar));
      putOptions.signal?.throwIfAborted();
      await rename(dataTmp, target);
      await rename(metaTmp, `${target}${META_SUFFIX}`);
      await syncDirectory(directory);
      return infoFrom(key, sidecar, fileStat.mtime);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await removeIfPresent(dataTmp);
      await removeIfPresent(metaTmp);
      throw error;
    }
  }

  async function head(key: string): Promise<BlobInfo | null> {
    assertValidKey(key);
    const target = pathOf(key);
    const fileStat = await stat(target).catch(nullOnMissing);
    if (fileStat === null || !fileStat.isFile()) return null;
    return describe(key, target, fileStat);
  }

  async function get(key: string, getOptions: GetOptions = {}): Promise<BlobReadResult | null> {
    assertValidKey(key);
    const target = pathOf(key);
    // Open first: the descriptor keeps reading this version even if a put renames over it.
    const handle = await open(target, "r").catch(nullOnMissing);
    if (handle === null) return null;
    try {
      const fileStat = await handle.stat();
      if (!fileStat.isFile()) {
        await handle.close();
        return null;
      }
      const info = await describe(key, target, fileStat);
      const range = getOptions.range;
      if (range === undefined) {
        return { info, body: handle.createReadStream({ highWaterMark: READ_CHUNK }), range: null };
      }
      if (!Number.isInteger(range.start) || range.start < 0 || range.start >= info.size) {
        throw new RangeNotSatisfiableError(key, range.start, info.size);
      }
      const end = Math.min(range.end ?? info.size - 1, info.size - 1);
      if (end < range.start) throw new RangeNotSatisfiableError(key, range.start, info.size);
      return {
        info,
        body: handle.createReadStream({ start: range.start, end, highWaterMark: READ_CHUNK }),
        range: { start: range.start, end },
      };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  async function remove(key: string): Promise<boolean> {
    assertValidKey(key);
    const target = pathOf(key);
    const existed = await removeIfPresent(target);
    await removeIfPresent(`${target}${META_SUFFIX}`);
    return existed;
  }

  async function* list(prefix: string): AsyncIterable<BlobInfo> {
    assertValidPrefix(prefix);
    const lastSlash = prefix.lastIndexOf("/");
    const start = lastSlash === -1 ? root : pathOf(prefix.slice(0, lastSlash));
    const keys: string[] = [];
    for await (const file of walk(start)) {
      const key = relative(root, file).split(sep).join("/");
      if (key.startsWith(prefix) && isBlobFile(key)) keys.push(key);
    }
    keys.sort();
    for (const key of keys) {
      const info = await head(key);
      if (info !== null) yield info;
    }
  }

  return { put, get, head, delete: remove, list };
}

async function describe(
  key: string,
  target: string,
  fileStat: { ino: number; size: number; mtime: Date; mtimeMs: number },
): Promise<BlobInfo> {
  const sidecar = await readSidecar(`${target}${META_SUFFIX}`);
  if (sidecar !== null && sidecar.ino === fileStat.ino && sidecar.size === fileStat.size) {
    return infoFrom(key, sidecar, fileStat.mtime);
  }
  // Only after a crash between the two renames, or a file placed by hand.
  return {
    key,
    size: fileStat.size,
    etag: `"${fileStat.size.toString(16)}-${Math.trunc(fileStat.mtimeMs).toString(16)}"`,
    sha256: null,
    lastModified: fileStat.mtime,
    contentType: contentTypeForKey(key),
    contentEncoding: key.endsWith(".gz") ? "gzip" : null,
  };
}

function infoFrom(key: string, sidecar: Sidecar, mtime: Date): BlobInfo {
  return {
    key,
    size: sidecar.size,
    etag: `"${sidecar.sha256}"`,
    sha256: sidecar.sha256,
    lastModified: mtime,
    contentType: sidecar.contentType,
    contentEncoding: sidecar.contentEncoding,
  };
}

async function readSidecar(path: string): Promise<Sidecar | null> {
  const text = await readFile(path, "utf8").catch(nullOnMissing);
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<Sidecar>;
    if (value.version !== 1 || typeof value.sha256 !== "string") return null;
    return value as Sidecar;
  } catch {
    return null;
  }
}

async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, "wx", 0o644);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the renames themselves durable; some filesystems refuse to open a directory. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, "r").catch(() => null);
  if (handle === null) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

async function removeIfPresent(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isBlobFile(key: string): boolean {
  return !key.endsWith(META_SUFFIX) && !key.includes(TMP_MARK);
}

async function* walk(directory: string): AsyncGenerator<string> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(nullOnMissing);
  if (entries === null) return;
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function nullOnMissing(error: unknown): null {
  if (isMissing(error)) return null;
  throw error;
}
