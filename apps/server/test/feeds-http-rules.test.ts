import { describe, expect, test } from "vitest";
import { acceptsGzip } from "../src/feeds/accept-encoding.ts";
import { parseBasicAuth } from "../src/feeds/basic-auth.ts";
import { decideRange } from "../src/feeds/byte-range.ts";
import { fetcherFamily } from "../src/feeds/fetcher-family.ts";
import { TtlCache } from "../src/feeds/ttl-cache.ts";
import {
  ifRangeHolds,
  noneMatchHits,
  notModifiedSince,
  strongMatch,
} from "../src/feeds/validators.ts";

describe("Accept-Encoding", () => {
  test.each([
    [undefined, false],
    ["", false],
    ["gzip", true],
    ["GZIP", true],
    ["x-gzip", true],
    ["br, gzip;q=0.5", true],
    ["gzip;q=0", false],
    ["gzip; q=0.000", false],
    ["*", true],
    ["*;q=0", false],
    ["*, gzip;q=0", false],
    ["identity", false],
    ["br", false],
  ])("%j → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe("entity tags and dates", () => {
  const etag = '"abc"';
  test("If-None-Match uses the weak comparison", () => {
    expect(noneMatchHits('"abc"', etag)).toBe(true);
    expect(noneMatchHits('W/"abc"', etag)).toBe(true);
    expect(noneMatchHits('"x", W/"abc"', etag)).toBe(true);
    expect(noneMatchHits("*", etag)).toBe(true);
    expect(noneMatchHits('"abcd"', etag)).toBe(false);
    expect(noneMatchHits("abc", etag)).toBe(false);
    expect(noneMatchHits('"a,b", "abc"', etag)).toBe(true);
  });

  test("If-Range uses the strong comparison or an exact date", () => {
    const lastModified = new Date("2026-05-04T10:20:30.700Z");
    expect(strongMatch('"abc"', etag)).toBe(true);
    expect(strongMatch('W/"abc"', etag)).toBe(false);
    expect(ifRangeHolds('"abc"', etag, lastModified)).toBe(true);
    expect(ifRangeHolds('W/"abc"', etag, lastModified)).toBe(false);
    expect(ifRangeHolds("Mon, 04 May 2026 10:20:30 GMT", etag, lastModified)).toBe(true);
    expect(ifRangeHolds("Mon, 04 May 2026 10:20:31 GMT", etag, lastModified)).toBe(false);
    expect(ifRangeHolds("soon", etag, lastModified)).toBe(false);
  });

  test("If-Modified-Since compares whole seconds", () => {
    const lastModified = new Date("2026-05-04T10:20:30.700Z");
    expect(notModifiedSince("Mon, 04 May 2026 10:20:30 GMT", lastModified)).toBe(true);
    expect(notModifiedSince("Monday, 04-May-26 10:20:30 GMT", lastModified)).toBe(true);
    expect(notModifiedSince("Mon, 04 May 2026 10:20:29 GMT", lastModified)).toBe(false);
    expect(notModifiedSince("not a date", lastModified)).toBe(false);
  });
});

describe("Range", () => {
  test.each([
    [undefined, { kind: "full" }],
    ["bytes=0-0", { kind: "partial", start: 0, end: 0 }],
    ["bytes=5-", { kind: "partial", start: 5, end: 99 }],
    ["bytes=-10", { kind: "partial", start: 90, end: 99 }],
    ["bytes=-500", { kind: "partial", start: 0, end: 99 }],
    ["bytes=90-200", { kind: "partial", start: 90, end: 99 }],
    ["Bytes = 1 - 2", { kind: "partial", start: 1, end: 2 }],
    ["bytes=100-", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=5-1", { kind: "full" }],
    ["bytes=0-1,3-4", { kind: "full" }],
    ["lines=0-1", { kind: "full" }],
    ["bytes=-", { kind: "full" }],
  ])("%j of 100 bytes → %j", (header, expected) => {
    expect(decideRange(header, 100)).toEqual(expected);
  });
});

describe("Basic credentials", () => {
  test("parses user and password, which may contain colons", () => {
    const header = `Basic ${Buffer.from("shop:pa:ss").toString("base64")}`;
    expect(parseBasicAuth(header)).toEqual({ user: "shop", password: "pa:ss" });
    expect(parseBasicAuth(undefined)).toBeNull();
    expect(parseBasicAuth("Bearer x")).toBeNull();
    expect(parseBasicAuth(`Basic ${Buffer.from("nocolon").toString("base64")}`)).toBeNull();
  });
});

describe("fetcher families", () => {
  test.each([
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "googlebot"],
    ["Google-Shopping-Quality", "googlebot"],
    [
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "facebookexternalhit",
    ],
    ["Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "bingbot"],
    ["Pinterestbot/1.0", "pinterest"],
    ["Mozilla/5.0 (compatible; Bytespider; spider-feedback@bytedance.com)", "tiktok"],
    ["idealo-import/1.0", "idealo"],
    ["curl/8.0", "other"],
    [undefined, "other"],
  ])("%j → %s", (userAgent, family) => {
    expect(fetcherFamily(userAgent)).toBe(family);
  });
});

describe("TtlCache", () => {
  test("reuses a value until it expires, shares concurrent loads, bounds its size", async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>({ ttlMs: 100, maxEntries: 2, now: () => now });
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get("k", load), cache.get("k", load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    now = 99;
    expect(await cache.get("k", load)).toBe(1);
    now = 100;
    expect(await cache.get("k", load)).toBe(2);
    await cache.get("x", load);
    await cache.get("y", load); // evicts the oldest, "k"
    expect(cache.peek("k")).toBeUndefined();
    expect(await cache.get("z", load, () => false)).toBe(5);
    expect(cache.peek("z")).toBeUndefined();
  });
});
