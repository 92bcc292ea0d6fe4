import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { createGunzip } from "node:zlib";
import { createLocalFsStore } from "@comptoir/storage";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateFeed, generationKey, PROFILES, type SourceProduct } from "../src/index.ts";
import { syntheticFeedSource } from "../src/testing/synthetic.ts";
import { collect, settingsWith } from "./support/fixtures.ts";
import { hostileProducts } from "./support/hostile.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "comptoir-feeds-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("determinism (P05)", () => {
  it.each(Object.keys(PROFILES))(
    "%s: two runs give identical bytes, hashes and summaries",
    async (id) => {
      const profile = PROFILES[id as keyof typeof PROFILES];
      const settings = settingsWith({ output: { gzip: true } });
      const first = await collect(profile, hostileProducts(), settings, { batchSize: 4 });
      const second = await collect(profile, hostileProducts(), settings, { batchSize: 4 });
      expect(second.bytes.equals(first.bytes)).toBe(true);
      expect(second.summary).toEqual(first.summary);
    },
  );

  it("gives the same content whatever the batch size", async () => {
    const small = await collect(PROFILES["meta-csv"], hostileProducts(), undefined, {
      batchSize: 1,
    });
    const large = await collect(PROFILES["meta-csv"], hostileProducts(), undefined, {
      batchSize: 1000,
    });
    expect(small.text).toBe(large.text);
  });

  it("writes a generation to the BlobStore with its size, hash and a strong ETag", async () => {
    const store = createLocalFsStore({ root });
    const settings = settingsWith({ output: { gzip: true } });
    const profile = PROFILES["google-products-xml"];
    const source = syntheticFeedSource({ products: 300 });
    const key = generationKey(42, "gen-1", profile, settings);
    expect(key).toBe("feeds/42/gen-1/feed.xml.gz");
    const first = await generateFeed(source, settings, profile, { kind: "blob", store, key });
    const again = await generateFeed(source, settings, profile, {
      kind: "blob",
      store,
      key: generationKey(42, "gen-2", profile, settings),
    });
    expect(first.blob).toMatchObject({
      key,
      size: first.summary.output.bytes,
      sha256: first.summary.output.sha256,
      contentEncoding: "gzip",
    });
    expect(again.blob?.etag).toBe(first.blob?.etag);
    const read = await store.get(key);
    if (!read) throw new Error("blob missing");
    const xml = await text(read.body.pipe(createGunzip()));
    expect(Buffer.byteLength(xml)).toBe(first.summary.output.uncompressedBytes);
    expect(xml.endsWith("</channel>\n</rss>\n")).toBe(true);
  });

  it("a generation that fails midway leaves the previous blob intact (P02)", async () => {
    const store = createLocalFsStore({ root });
    const settings = settingsWith({ output: { gzip: true } });
    const profile = PROFILES["google-products-xml"];
    const key = "feeds/7/live/feed.xml.gz";
    const good = await generateFeed(syntheticFeedSource({ products: 50 }), settings, profile, {
      kind: "blob",
      store,
      key,
    });
    const crashing = {
      reference: syntheticFeedSource({ products: 1 }).reference,
      async *products(): AsyncGenerator<SourceProduct> {
        for await (const p of syntheticFeedSource({ products: 5000 }).products()) {
          if (p.id === 3000) throw new Error("database connection lost");
          yield p;
        }
      },
    };
    await expect(
      generateFeed(crashing, settings, profile, { kind: "blob", store, key }),
    ).rejects.toThrow("database connection lost");
    expect(await store.head(key)).toEqual(good.blob);
  });

  it("a dry run writes nothing but still measures the file", async () => {
    const store = createLocalFsStore({ root });
    const result = await generateFeed(
      syntheticFeedSource({ products: 20 }),
      settingsWith(),
      PROFILES["meta-csv"],
      { kind: "discard" },
    );
    expect(result.blob).toBeNull();
    expect(result.summary.output.bytes).toBeGreaterThan(0);
    const keys = [];
    for await (const info of store.list("")) keys.push(info.key);
    expect(keys).toEqual([]);
  });
});

describe("failures of the target", () => {
  it("rejects (never hangs) when the store refuses the key", async () => {
    const store = createLocalFsStore({ root });
    await expect(
      generateFeed(
        syntheticFeedSource({ products: 3000 }),
        settingsWith(),
        PROFILES["google-products-xml"],
        {
          kind: "blob",
          store,
          key: "../escape.xml",
        },
      ),
    ).rejects.toThrow(/Invalid blob key/);
  });

  it("stops when aborted and leaves nothing behind", async () => {
    const store = createLocalFsStore({ root });
    const controller = new AbortController();
    const source = syntheticFeedSource({ products: 5000 });
    const aborting = {
      reference: source.reference,
      async *products(): AsyncGenerator<SourceProduct> {
        for await (const p of source.products()) {
          if (p.id === 2000) controller.abort();
          yield p;
        }
      },
    };
    await expect(
      generateFeed(
        aborting,
        settingsWith(),
        PROFILES["meta-csv"],
        { kind: "blob", store, key: "feeds/1/g/feed.csv" },
        { signal: controller.signal },
      ),
    ).rejects.toThrow();
    expect(await store.head("feeds/1/g/feed.csv")).toBeNull();
  });
});
