import { schema } from "@comptoir/db";
import { getProfile, type ProfileId } from "@comptoir/feeds";
import type { BlobStore } from "@comptoir/storage";
import { dbTest as test } from "@comptoir/testing";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import {
  addFeed,
  FeedError,
  feedPublicPath,
  generateFeedRun,
  listFeeds,
  lookupPublicFeed,
  removeFeed,
  rollbackFeed,
  rotateFeedUrl,
  setFeed,
  showFeed,
} from "../src/index.ts";
import { channelViolations, feedText, parseFeedFile } from "./channel-files.ts";
import { CHANNEL_FEEDS, LINK_TEMPLATE, readAll, syncedShop } from "./support.ts";

function pathParts(path: string): { token: string; file: string } {
  const [, feeds, token, file] = path.split("/");
  if (feeds !== "feeds" || !token || !file) throw new Error(`unexpected path ${path}`);
  return { token, file };
}

async function blobKeys(store: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const blob of store.list("feeds/")) keys.push(blob.key);
  return keys;
}

describe("publishing every channel from a synced mirror", () => {
  test("each published file parses strictly and keeps the channel's rules", async ({ db }) => {
    const shop = await syncedShop(db);
    for (const input of CHANNEL_FEEDS) {
      const feed = await addFeed(db, { account: "shop", ...input });
      const result = await generateFeedRun(db, shop.services, feed.id);
      expect(
        result.outcome,
        `${feed.name}: ${JSON.stringify(result.reasons)} ${result.error}`,
      ).toMatch(/^published/);
      const profile = getProfile(feed.profile as ProfileId);

      const { token, file } = pathParts(feedPublicPath(shop.ring, { ...feed, urlTokenVersion: 1 }));
      expect(file).toBe(`${input.channel}${profile.extension}`);
      const live = await lookupPublicFeed(db, shop.ring, token, file);
      if (live.kind !== "live") throw new Error(`${feed.name}: ${live.kind}`);
      expect(live).toMatchObject({
        feedId: feed.id,
        generationId: result.generationId,
        storedGzip: true,
        wantsGzipFile: false,
        contentType: profile.contentType,
        basicAuth: null,
      });
      expect(live.contentType).toMatch(/charset=utf-8$/);
      const gz = await lookupPublicFeed(db, shop.ring, token, `${file}.gz`);
      expect(gz).toMatchObject({ kind: "live", wantsGzipFile: true });

      const records = parseFeedFile(profile, feedText(await readAll(shop.store, live.blobKey)));
      expect(records.length, feed.name).toBe(result.summary?.counts.rows);
      expect(records.length).toBeGreaterThan(50);
      expect(channelViolations(profile, records), feed.name).toEqual([]);
    }
    const list = await listFeeds(db);
    expect(list.map((f) => f.name)).toHaveLength(CHANNEL_FEEDS.length);
    expect(list.every((f) => f.live !== null && f.lastRun?.outcome.startsWith("published"))).toBe(
      true,
    );
  });

  test("two generations of the same mirror are byte-identical", async ({ db }) => {
    const shop = await syncedShop(db);
    const feed = await addFeed(db, {
      account: "shop",
      channel: "google",
      linkTemplate: LINK_TEMPLATE,
    });
    const first = await generateFeedRun(db, shop.services, feed.id);
    const second = await generateFeedRun(db, shop.services, feed.id);
    expect(second.generationId).not.toBe(first.generationId);
    expect(second.sha256).toBe(first.sha256);
    expect(second.summary?.output.contentSha256).toBe(first.summary?.output.contentSha256);
    expect(second.comparedWithGenerationId).toBe(first.generationId);
  });
});

describe("the publish gate", () => {
  test("refuses a run that would drop half the catalog and keeps serving the live file", async ({
    db,
  }) => {
    const shop = await syncedShop(db, { products: 40 });
    const feed = await addFeed(db, {
      account: "shop",
      channel: "meta",
      linkTemplate: LINK_TEMPLATE,
    });
    const good = await generateFeedRun(db, shop.services, feed.id);
    expect(good.outcome).toMatch(/^published/);
    const { token, file } = pathParts(feedPublicPath(shop.ring, { ...feed, urlTokenVersion: 1 }));
    const before = await lookupPublicFeed(db, shop.ring, token, file);

    const ids = (
      await db.select({ id: schema.catalogProducts.productId }).from(schema.catalogProducts)
    ).map((r) => r.id);
    for (const id of ids.filter((_, i) => i % 2 === 0)) shop.sim.mutate.archiveProduct(id);
    await shop.sync();

    const refused = await generateFeedRun(db, shop.services, feed.id);
    expect(refused.outcome).toBe("refused");
    expect(refused.reasons[0]).toMatchObject({ code: "item-drop", severity: "refuse" });
    expect(refused.generationId).toBeNull();
    expect(refused.liveGenerationId).toBe(good.generationId);
    expect(await lookupPublicFeed(db, shop.ring, token, file)).toEqual({
      ...before,
      basicAuth: null,
    });
    // The refused file was not kept; the live one still is.
    expect(await blobKeys(shop.store)).toEqual([before.kind === "live" ? before.blobKey : ""]);
    const [run] = await db
      .select()
      .from(schema.feedRuns)
      .where(eq(schema.feedRuns.id, refused.runId));
    expect(run).toMatchObject({ outcome: "refused", comparedWithGenerationId: good.generationId });
    expect(run?.gateReasons).toEqual(refused.reasons);
    const shown = await showFeed(db, feed.id);
    expect(shown.lastRun).toMatchObject({ outcome: "refused" });
    expect(shown.live?.generationId).toBe(good.generationId);
  });

  test("a failed generation keeps the previous live file and is recorded", async ({ db }) => {
    const shop = await syncedShop(db, { products: 20 });
    const feed = await addFeed(db, {
      account: "shop",
      channel: "csv",
      linkTemplate: LINK_TEMPLATE,
    });
    const good = await generateFeedRun(db, shop.services, feed.id);
    const broken: BlobStore = {
      ...shop.store,
      async put(key, body) {
        for await (const _ of body) throw new Error("disk full (simulated)");
        throw new Error(`nothing to write for ${key}`);
      },
    };
    const failed = await generateFeedRun(db, { store: broken }, feed.id);
    expect(failed).toMatchObject({
      outcome: "failed",
      generationId: null,
      liveGenerationId: good.generationId,
    });
    expect(failed.error).toContain("disk full");
    const [row] = await db.select().from(schema.feeds).where(eq(schema.feeds.id, feed.id));
    expect(row?.liveGenerationId).toBe(good.generationId);
    const [run] = await db
      .select()
      .from(schema.feedRuns)
      .where(eq(schema.feedRuns.id, failed.runId));
    expect(run).toMatchObject({ outcome: "failed", error: failed.error });
    expect(await blobKeys(shop.store)).toHaveLength(1);
  });

  test("a dry run writes no blob and no generation, and records the run as dry-run", async ({
    db,
  }) => {
    const shop = await syncedShop(db, { products: 20 });
    const feed = await addFeed(db, {
      account: "shop",
      channel: "google",
      linkTemplate: LINK_TEMPLATE,
    });
    const dry = await generateFeedRun(db, shop.services, feed.id, { dryRun: true });
    expect(dry).toMatchObject({ outcome: "dry-run", generationId: null, liveGenerationId: null });
    expect(dry.items).toBeGreaterThan(0);
    expect(await blobKeys(shop.store)).toEqual([]);
    expect(await db.$count(schema.feedGenerations)).toBe(0);
    const [row] = await db.select().from(schema.feeds).where(eq(schema.feeds.id, feed.id));
    expect(row?.liveGenerationId).toBeNull();
    const runs = await db.select().from(schema.feedRuns).where(eq(schema.feedRuns.feedId, feed.id));
    expect(runs.map((r) => r.outcome)).toEqual(["dry-run"]);
  });
});

describe("generations", () => {
  test("rollback serves the previous kept generation; retention deletes older blobs", async ({
    db,
  }) => {
    const shop = await syncedShop(db, { products: 20 });
    const feed = await addFeed(db, {
      account: "shop",
      channel: "pinterest",
      linkTemplate: LINK_TEMPLATE,
      keepGenerations: 2,
    });
    const { token, file } = pathParts(feedPublicPath(shop.ring, { ...feed, urlTokenVersion: 1 }));
    const generations: string[] = [];
    const ids = (
      await db.select({ id: schema.catalogProducts.productId }).from(schema.catalogProducts)
    ).map((r) => r.id);
    for (const price of ["10.00", "11.00", "12.00"]) {
      shop.sim.mutate.setPrice(ids[0] as number, price);
      await shop.sync();
      const run = await generateFeedRun(db, shop.services, feed.id);
      generations.push(run.generationId as string);
    }
    const shown = await showFeed(db, feed.id);
    expect(shown.generations.map((g) => g.id)).toEqual([generations[2], generations[1]]);
    expect((await blobKeys(shop.store)).map((k) => k.split("/")[2])).toEqual(
      [generations[1], generations[2]].sort(),
    );

    const back = await rollbackFeed(db, feed.id);
    expect(back).toMatchObject({ from: generations[2], to: generations[1] });
    expect(await lookupPublicFeed(db, shop.ring, token, file)).toMatchObject({
      kind: "live",
      generationId: generations[1],
    });
    await expect(rollbackFeed(db, feed.id)).rejects.toMatchObject({ code: "NOTHING_TO_ROLL_BACK" });
  });
});

describe("public URLs", () => {
  test("not-published, wrong names, tampering and rotation are answered as the contract says", async ({
    db,
  }) => {
    const shop = await syncedShop(db, { products: 10 });
    const feed = await addFeed(db, {
      account: "shop",
      channel: "tiktok",
      linkTemplate: LINK_TEMPLATE,
    });
    const path = feedPublicPath(shop.ring, { ...feed, urlTokenVersion: 1 });
    expect(path).toBe(feedPublicPath(shop.ring, { ...feed, urlTokenVersion: 1 })); // stable
    const { token, file } = pathParts(path);
    expect(file).toBe("tiktok.csv");
    expect(await lookupPublicFeed(db, shop.ring, token, file)).toEqual({
      kind: "not-published",
      feedId: feed.id,
    });
    await generateFeedRun(db, shop.services, feed.id);
    expect((await lookupPublicFeed(db, shop.ring, token, file)).kind).toBe("live");
    for (const name of ["tiktok.xml", "google.csv", "tiktok.csv.gz.gz", "", "../tiktok.csv"])
      expect(await lookupPublicFeed(db, shop.ring, token, name)).toEqual({ kind: "not-found" });
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    for (const bad of [tampered, "", "x", `${token}x`])
      expect(await lookupPublicFeed(db, shop.ring, bad, file)).toEqual({ kind: "not-found" });

    const rotated = await rotateFeedUrl(db, feed.id);
    expect(rotated.urlTokenVersion).toBe(2);
    expect(await lookupPublicFeed(db, shop.ring, token, file)).toEqual({ kind: "not-found" });
    const fresh = pathParts(feedPublicPath(shop.ring, { ...feed, urlTokenVersion: 2 }));
    expect(fresh.token).not.toBe(token);
    expect((await lookupPublicFeed(db, shop.ring, fresh.token, file)).kind).toBe("live");
  });

  test("Basic auth is verified against a stored hash, never the password", async ({ db }) => {
    const shop = await syncedShop(db, { products: 10 });
    const feed = await addFeed(db, {
      account: "shop",
      channel: "csv",
      linkTemplate: LINK_TEMPLATE,
      basicAuth: { user: "merchant", password: "s3cret-fetcher" },
    });
    await generateFeedRun(db, shop.services, feed.id);
    const { token, file } = pathParts(feedPublicPath(shop.ring, { ...feed, urlTokenVersion: 1 }));
    const live = await lookupPublicFeed(db, shop.ring, token, file);
    if (live.kind !== "live" || !live.basicAuth) throw new Error("expected basic auth");
    expect(live.basicAuth.user).toBe("merchant");
    expect(live.basicAuth.verify("merchant", "s3cret-fetcher")).toBe(true);
    expect(live.basicAuth.verify("merchant", "s3cret-fetcher")).toBe(true); // remembered
    expect(live.basicAuth.verify("merchant", "wrong-password")).toBe(false);
    expect(live.basicAuth.verify("other", "s3cret-fetcher")).toBe(false);
    const [row] = await db.select().from(schema.feeds).where(eq(schema.feeds.id, feed.id));
    expect(JSON.stringify(row)).not.toContain("s3cret-fetcher");

    await setFeed(db, feed.id, { basicAuth: null });
    expect(await lookupPublicFeed(db, shop.ring, token, file)).toMatchObject({ basicAuth: null });
  });
});

describe("the registry", () => {
  test("bad settings are refused field by field and nothing is saved", async ({ db }) => {
    await syncedShop(db, { products: 1 });
    const attempt = addFeed(db, {
      account: "shop",
      channel: "google",
      linkTemplate: "ftp://shop.example/p",
      settings: { currency: "eur", filters: { priceMin: "abc" }, bogus: 1 },
    });
    await expect(attempt).rejects.toBeInstanceOf(FeedError);
    const error = (await attempt.catch((e: unknown) => e)) as FeedError;
    expect(error.code).toBe("INVALID_FEED");
    expect(error.details?.map((d) => d.path).sort()).toEqual(
      ["", "currency", "filters.priceMin", "linkTemplate"].sort(),
    );
    await expect(addFeed(db, { account: "shop", channel: "amazon" })).rejects.toMatchObject({
      code: "INVALID_FEED",
    });
    await expect(
      addFeed(db, {
        account: "shop",
        channel: "google-local",
        linkTemplate: LINK_TEMPLATE,
        format: "xml",
      }),
    ).rejects.toMatchObject({ code: "INVALID_FEED" });
    expect(await db.$count(schema.feeds)).toBe(0);

    const feed = await addFeed(db, {
      account: "shop",
      channel: "google",
      linkTemplate: LINK_TEMPLATE,
    });
    await expect(
      addFeed(db, { account: "shop", channel: "google", linkTemplate: LINK_TEMPLATE }),
    ).rejects.toMatchObject({ code: "FEED_EXISTS" });
    await expect(setFeed(db, "shop/google", { settings: { country: "UK" } })).rejects.toMatchObject(
      {
        code: "INVALID_FEED",
        details: [{ path: "country" }],
      },
    );
    const updated = await setFeed(db, "google", { settings: { filters: { inStockOnly: true } } });
    expect(updated.id).toBe(feed.id);
    expect((await showFeed(db, feed.id)).settings).toMatchObject({
      linkTemplate: LINK_TEMPLATE,
      filters: { inStockOnly: true },
    });
  });

  test("remove deletes the feed, its runs, generations and blobs", async ({ db }) => {
    const shop = await syncedShop(db, { products: 10 });
    const feed = await addFeed(db, {
      account: "shop",
      channel: "idealo",
      linkTemplate: LINK_TEMPLATE,
    });
    await generateFeedRun(db, shop.services, feed.id);
    expect(await blobKeys(shop.store)).toHaveLength(1);
    const removed = await removeFeed(db, shop.store, "shop/idealo");
    expect(removed).toMatchObject({ id: feed.id, blobsDeleted: 1 });
    expect(await blobKeys(shop.store)).toEqual([]);
    expect(await db.$count(schema.feedRuns)).toBe(0);
    expect(await db.$count(schema.feedGenerations)).toBe(0);
    await expect(showFeed(db, feed.id)).rejects.toMatchObject({ code: "FEED_NOT_FOUND" });
  });
});
