import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type BlobStore,
  createLocalFsStore,
  InvalidBlobKeyError,
  RangeNotSatisfiableError,
} from "../src/index.ts";

let root: string;
let store: BlobStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "comptoir-storage-"));
  store = createLocalFsStore({ root });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const XML = { contentType: "application/xml; charset=utf-8" };

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** A body that yields some bytes and then fails, like a generator that crashes mid-feed. */
function failingBody(prefix: string): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from(prefix);
      throw new Error("generator crashed");
    })(),
  );
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true });
  return entries.map(String).sort();
}

describe("local filesystem store", () => {
  it("stores a stream and reports size, strong ETag from the content hash, and type", async () => {
    const info = await store.put("feeds/7/gen-1.xml", Readable.from(["<rss>", "</rss>"]), XML);
    expect(info).toMatchObject({
      key: "feeds/7/gen-1.xml",
      size: 11,
      sha256: sha256("<rss></rss>"),
      etag: `"${sha256("<rss></rss>")}"`,
      contentType: XML.contentType,
      contentEncoding: null,
    });
    const read = await store.get("feeds/7/gen-1.xml");
    expect(read?.info).toEqual(info);
    expect(await text(read?.body ?? Readable.from([]))).toBe("<rss></rss>");
    expect(await store.head("feeds/7/gen-1.xml")).toEqual(info);
  });

  it("keeps the content encoding it was given", async () => {
    await store.put("f/a.xml.gz", Readable.from([Buffer.from([1, 2, 3])]), {
      contentType: "application/xml",
      contentEncoding: "gzip",
    });
    expect((await store.head("f/a.xml.gz"))?.contentEncoding).toBe("gzip");
  });

  it("serves byte ranges and refuses a range past the end", async () => {
    await store.put("f/range.txt", Readable.from(["0123456789"]), { contentType: "text/plain" });
    const middle = await store.get("f/range.txt", { range: { start: 2, end: 5 } });
    expect(middle?.range).toEqual({ start: 2, end: 5 });
    expect(await text(middle?.body ?? Readable.from([]))).toBe("2345");
    const tail = await store.get("f/range.txt", { range: { start: 7 } });
    expect(await text(tail?.body ?? Readable.from([]))).toBe("789");
    const clamped = await store.get("f/range.txt", { range: { start: 8, end: 100 } });
    expect(clamped?.range).toEqual({ start: 8, end: 9 });
    await clamped?.body.destroy();
    await expect(store.get("f/range.txt", { range: { start: 10 } })).rejects.toBeInstanceOf(
      RangeNotSatisfiableError,
    );
  });

  it("answers null for missing keys and false when deleting nothing", async () => {
    expect(await store.get("nope/x.xml")).toBeNull();
    expect(await store.head("nope/x.xml")).toBeNull();
    expect(await store.delete("nope/x.xml")).toBe(false);
  });

  it("a failed write leaves the previous blob intact and no temporary file behind", async () => {
    const before = await store.put("feeds/1/live.xml", Readable.from(["old complete feed"]), XML);
    await expect(
      store.put("feeds/1/live.xml", failingBody("<rss><channel><item>half"), XML),
    ).rejects.toThrow("generator crashed");
    const after = await store.get("feeds/1/live.xml");
    expect(after?.info).toEqual(before);
    expect(await text(after?.body ?? Readable.from([]))).toBe("old complete feed");
    expect(await filesUnder(join(root, "feeds/1"))).toEqual(["live.xml", "live.xml.meta.json"]);
  });

  it("an aborted write leaves the previous blob intact", async () => {
    await store.put("feeds/1/live.xml", Readable.from(["v1"]), XML);
    const controller = new AbortController();
    const slow = Readable.from(
      (async function* () {
        yield Buffer.from("v2 part one");
        controller.abort();
        yield Buffer.from("v2 part two");
      })(),
    );
    await expect(
      store.put("feeds/1/live.xml", slow, { ...XML, signal: controller.signal }),
    ).rejects.toThrow();
    const read = await store.get("feeds/1/live.xml");
    expect(await text(read?.body ?? Readable.from([]))).toBe("v1");
    expect(await filesUnder(join(root, "feeds/1"))).toEqual(["live.xml", "live.xml.meta.json"]);
  });

  it("a reader that opened the old version keeps reading it while a new one is published", async () => {
    await store.put("feeds/2/live.csv", Readable.from(["a".repeat(100_000)]), XML);
    const reading = await store.get("feeds/2/live.csv");
    await store.put("feeds/2/live.csv", Readable.from(["b".repeat(50)]), XML);
    const old = await text(reading?.body ?? Readable.from([]));
    expect(old).toBe("a".repeat(100_000));
    const fresh = await store.get("feeds/2/live.csv");
    expect(await text(fresh?.body ?? Readable.from([]))).toBe("b".repeat(50));
  });

  it("detects a stale sidecar instead of trusting it", async () => {
    await store.put("f/x.csv", Readable.from(["one"]), { contentType: "text/csv" });
    // Simulates a crash after the data rename and before the sidecar rename.
    await writeFile(join(root, "f/x.csv"), "other bytes");
    const info = await store.head("f/x.csv");
    expect(info?.sha256).toBeNull();
    expect(info?.size).toBe(11);
    expect(info?.contentType).toBe("text/csv; charset=utf-8");
  });

  it("lists blobs under a prefix in key order, skipping metadata and temporary files", async () => {
    for (const key of ["feeds/2/b.xml", "feeds/2/a.xml", "feeds/3/a.xml", "other/z.txt"]) {
      await store.put(key, Readable.from([key]), XML);
    }
    await writeFile(join(root, "feeds/2/c.xml.tmp-123"), "partial");
    const keys: string[] = [];
    for await (const info of store.list("feeds/2/")) keys.push(info.key);
    expect(keys).toEqual(["feeds/2/a.xml", "feeds/2/b.xml"]);
    const all: string[] = [];
    for await (const info of store.list("")) all.push(info.key);
    expect(all).toEqual(["feeds/2/a.xml", "feeds/2/b.xml", "feeds/3/a.xml", "other/z.txt"]);
  });

  it("deletes a blob and its metadata", async () => {
    await store.put("f/d.xml", Readable.from(["x"]), XML);
    expect(await store.delete("f/d.xml")).toBe(true);
    expect(await store.head("f/d.xml")).toBeNull();
    expect(await filesUnder(join(root, "f"))).toEqual([]);
  });

  it.each(["../escape.xml", "/abs.xml", "a//b", ".hidden", "a/../b", "x.meta.json", "a b.xml", ""])(
    "refuses the unsafe key %j",
    async (key) => {
      await expect(store.put(key, Readable.from(["x"]), XML)).rejects.toBeInstanceOf(
        InvalidBlobKeyError,
      );
    },
  );
});
