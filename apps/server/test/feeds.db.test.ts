import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import type { KeyRing } from "@comptoir/auth";
import {
  addFeed,
  feedPublicPath,
  generateFeedRun,
  removeFeed,
  rotateFeedUrl,
} from "@comptoir/publishing";
import type { BlobStore } from "@comptoir/storage";
import { dbTest as test } from "@comptoir/testing";
import { describe, expect } from "vitest";
import { feedFetchSummary, startServer } from "../src/index.ts";
import { feedShop, LINK_TEMPLATE } from "./feed-shop.ts";

const run = promisify(execFile);

/** A new feed's URL (token version 1 until rotated). */
function pathOf(
  ring: KeyRing,
  feed: { id: string; channel: string; profile: string },
  version = 1,
) {
  return feedPublicPath(ring, { ...feed, urlTokenVersion: version });
}

async function bytes(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe("public feed URLs over the feed registry", () => {
  test("503 before the first publication, then the live file; tampered and rotated tokens get 404", async ({
    db,
  }) => {
    const shop = await feedShop(db);
    const feed = await addFeed(db, {
      account: "shop",
      channel: "csv",
      linkTemplate: LINK_TEMPLATE,
    });
    const path = pathOf(shop.ring, feed);
    expect(path).toMatch(/^\/feeds\/[^/]+\/csv\.csv$/);

    const early = await shop.app.request(path);
    expect(early.status).toBe(503);
    expect(early.headers.get("retry-after")).toBeTruthy();

    const run = await generateFeedRun(db, { store: shop.store }, feed.id);
    expect(run.outcome).toMatch(/^published/);
    const plain = await shop.app.request(path);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = await plain.text();
    expect(text.split("\n")[0]).toContain("id");
    const gz = await shop.app.request(`${path}.gz`);
    expect(gz.headers.get("content-type")).toBe("application/gzip");
    expect(gunzipSync(await bytes(gz)).toString()).toBe(text);

    const [, , token, file] = path.split("/") as [string, string, string, string];
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    const notFound = async (p: string) => {
      const response = await shop.app.request(p);
      const body = (await response.json()) as { error: { code: string; message: string } };
      return { status: response.status, code: body.error.code, message: body.error.message };
    };
    const unknown = await notFound(`/feeds/${tampered}/${file}`);
    expect(unknown).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await notFound(`/feeds/${token}/google.xml`)).toEqual(unknown);

    await rotateFeedUrl(db, feed.id);
    expect(await notFound(path)).toEqual(unknown);
    const rotated = pathOf(shop.ring, feed, 2);
    expect(await (await shop.app.request(rotated)).text()).toBe(text);
  });

  test("keeps serving the previous file while a generation runs and after one fails", async ({
    db,
  }) => {
    const shop = await feedShop(db);
    const feed = await addFeed(db, {
      account: "shop",
      channel: "csv",
      linkTemplate: LINK_TEMPLATE,
    });
    const path = `${pathOf(shop.ring, feed)}.gz`;
    await generateFeedRun(db, { store: shop.store }, feed.id);
    const first = await shop.app.request(path);
    const firstBytes = await bytes(first);
    const etag = first.headers.get("etag") as string;

    // A generation whose blob write is held open until we let it finish.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let writing: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      writing = resolve;
    });
    const slow: BlobStore = {
      ...shop.store,
      async put(key, body, options) {
        writing();
        await held;
        return shop.store.put(key, body, options);
      },
    };
    const running = generateFeedRun(db, { store: slow }, feed.id);
    await started;
    const during = await shop.app.request(path);
    expect(during.status).toBe(200);
    expect(during.headers.get("etag")).toBe(etag);
    expect((await bytes(during)).equals(firstBytes)).toBe(true);
    expect((await shop.app.request(path, { headers: { "If-None-Match": etag } })).status).toBe(304);
    release();
    expect((await running).outcome).toMatch(/^published/);

    const broken: BlobStore = {
      ...shop.store,
      async put(_key, body) {
        for await (const _ of body) throw new Error("disk full (simulated)");
        throw new Error("nothing written");
      },
    };
    const failed = await generateFeedRun(db, { store: broken }, feed.id);
    expect(failed.outcome).toBe("failed");
    const after = await shop.app.request(path);
    expect(after.status).toBe(200);
    // Same mirror, same settings: the generation that succeeded is byte-identical.
    expect((await bytes(after)).equals(firstBytes)).toBe(true);
  });
});

describe("fetch records", () => {
  test("aggregate per feed and fetcher family, in batches, readable with feedFetchSummary", async ({
    db,
  }) => {
    const shop = await feedShop(db);
    const feed = await addFeed(db, {
      account: "shop",
      channel: "csv",
      linkTemplate: LINK_TEMPLATE,
    });
    const other = await addFeed(db, {
      account: "shop",
      channel: "google",
      linkTemplate: LINK_TEMPLATE,
    });
    const path = `${pathOf(shop.ring, feed)}.gz`;
    const google = { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" };
    await shop.app.request(path, { headers: google }); // 503: not published yet
    await generateFeedRun(db, { store: shop.store }, feed.id);
    const full = await shop.app.request(path, { headers: google });
    const size = (await bytes(full)).length;
    const etag = full.headers.get("etag") as string;
    await shop.app.request(path, { headers: { ...google, "If-None-Match": etag } });
    const part = await shop.app.request(path, {
      headers: { "User-Agent": "facebookexternalhit/1.1", Range: "bytes=0-9" },
    });
    await part.arrayBuffer();
    await shop.app.request(pathOf(shop.ring, other), { headers: google });
    expect(await feedFetchSummary(db, feed.id)).toEqual([]); // nothing written before a flush
    await shop.recorder.flush();

    const rows = await feedFetchSummary(db, feed.id);
    expect(rows.map((r) => r.fetcher).sort()).toEqual(["facebookexternalhit", "googlebot"]);
    const googlebot = rows.find((r) => r.fetcher === "googlebot");
    expect(googlebot).toMatchObject({
      fetches: 3,
      downloads: 1,
      notModified: 1,
      failures: 1,
      lastStatus: 304,
      lastBytes: 0,
      bytesSent: size,
      lastUserAgent: google["User-Agent"],
    });
    expect(rows.find((r) => r.fetcher === "facebookexternalhit")).toMatchObject({
      fetches: 1,
      downloads: 1,
      lastStatus: 206,
      lastBytes: 10,
    });
    expect(await feedFetchSummary(db, other.id)).toMatchObject([
      { fetcher: "googlebot", lastStatus: 503, failures: 1 },
    ]);

    // A second batch adds to the counters and moves the "last" columns. (A download is
    // recorded when its body has been sent, hence the arrayBuffer().)
    await (await shop.app.request(path, { headers: google })).arrayBuffer();
    await shop.recorder.flush();
    const again = (await feedFetchSummary(db, feed.id)).find((r) => r.fetcher === "googlebot");
    expect(again).toMatchObject({ fetches: 4, downloads: 2, lastStatus: 200, lastBytes: size });
    expect(again?.lastFetchedAt.getTime()).toBeGreaterThanOrEqual(
      googlebot?.lastFetchedAt.getTime() ?? 0,
    );

    // Fetches of a feed deleted before the flush are dropped; the rest of the batch is written.
    await (await shop.app.request(path, { headers: google })).arrayBuffer();
    await shop.app.request(pathOf(shop.ring, other), { headers: google });
    await removeFeed(db, shop.store, other.id);
    await shop.recorder.flush();
    expect(
      (await feedFetchSummary(db, feed.id)).find((r) => r.fetcher === "googlebot")?.fetches,
    ).toBe(5);
  });
});

describe("a running server over the registry", () => {
  test("curl sees 200, 304, HEAD, gzip and ranges on a published feed", async ({ db }) => {
    const shop = await feedShop(db);
    const feed = await addFeed(db, {
      account: "shop",
      channel: "csv",
      linkTemplate: LINK_TEMPLATE,
    });
    await generateFeedRun(db, { store: shop.store }, feed.id);
    const server = await startServer(shop.app, { port: 0 });
    try {
      const url = `${server.url}${pathOf(shop.ring, feed)}`;
      const curl = async (...args: string[]) =>
        (await run("curl", ["-sS", "-D", "-", "-o", "/dev/null", ...args])).stdout;
      const head = await curl("-I", url);
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(head).toMatch(/content-type: text\/csv; charset=utf-8/i);
      const etag = /etag: (\S+)/i.exec(await curl("--compressed", url))?.[1] as string;
      expect(await curl("--compressed", "-H", `If-None-Match: ${etag}`, url)).toMatch(
        /^HTTP\/1\.1 304/,
      );
      const lastModified = /last-modified: (.+)\r/i.exec(head)?.[1] as string;
      expect(await curl("-z", lastModified, url)).toMatch(/^HTTP\/1\.1 304/);
      expect(await curl("-r", "0-9", `${url}.gz`)).toMatch(/content-range: bytes 0-9\//i);
    } finally {
      await server.close();
    }
  });
});
