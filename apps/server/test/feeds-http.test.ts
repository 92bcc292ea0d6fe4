import { Writable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { createLogger } from "@comptoir/logger";
import { beforeEach, describe, expect, test } from "vitest";
import { basic, feedWorld, feedXml, PUBLISHED_AT } from "./feed-fixtures.ts";

const XML = feedXml("a");
const GZ = "feeds/f1/g1.xml.gz";
const LAST_MODIFIED = PUBLISHED_AT.toUTCString();

type World = Awaited<ReturnType<typeof feedWorld>>;
let world: World;
let gzBytes: Buffer;

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

function get(path: string, headers: Record<string, string> = {}, method = "GET") {
  return world.app.request(path, { method, headers });
}

beforeEach(async () => {
  world = await feedWorld();
  gzBytes = await world.putFeed(GZ, XML, true);
  world.setLive("tok", "google.xml", { blobKey: GZ, storedGzip: true });
});

describe("GET /feeds/{token}/{file}: representations", () => {
  test("a plain name is sent gzip-encoded to a client that accepts gzip", async () => {
    const response = await get("/feeds/tok/google.xml", { "Accept-Encoding": "gzip, br" });
    expect(response.status).toBe(200);
    const h = response.headers;
    expect(h.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(h.get("content-encoding")).toBe("gzip");
    expect(h.get("vary")).toBe("Accept-Encoding");
    expect(h.get("content-length")).toBe(String(gzBytes.length));
    expect(h.get("accept-ranges")).toBe("bytes");
    expect(h.get("etag")).toMatch(/^"[0-9a-f]{64}"$/);
    expect(h.get("last-modified")).toBe(LAST_MODIFIED);
    expect(h.get("cache-control")).toBe("public, no-cache");
    expect(h.get("x-request-id")).toBeTruthy();
    const body = await bytesOf(response);
    expect(body.equals(gzBytes)).toBe(true);
    expect(gunzipSync(body).toString()).toBe(XML);
  });

  test("a plain name is decompressed for a client that does not accept gzip", async () => {
    const encoded = await get("/feeds/tok/google.xml", { "Accept-Encoding": "gzip" });
    await encoded.arrayBuffer();
    for (const acceptEncoding of [undefined, "identity", "br, gzip;q=0", "*;q=0"]) {
      const response = await get(
        "/feeds/tok/google.xml",
        acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {},
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBeNull();
      expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
      expect(response.headers.get("vary")).toBe("Accept-Encoding");
      expect(response.headers.get("accept-ranges")).toBe("none");
      // A different representation, so a different strong tag.
      expect(response.headers.get("etag")).not.toBe(encoded.headers.get("etag"));
      expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{64}-identity"$/);
      expect((await response.text()) === XML).toBe(true); // (not toBe: a 150 KB diff is noise)
    }
  });

  test("a .gz name is the compressed file itself, whatever the client accepts", async () => {
    for (const headers of [{}, { "Accept-Encoding": "gzip" }] as Record<string, string>[]) {
      const response = await get("/feeds/tok/google.xml.gz", headers);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/gzip");
      expect(response.headers.get("content-encoding")).toBeNull();
      expect(response.headers.get("vary")).toBeNull();
      expect(response.headers.get("content-length")).toBe(String(gzBytes.length));
      expect((await bytesOf(response)).equals(gzBytes)).toBe(true);
    }
  });

  test("a feed stored plain is served as is, and has no .gz file", async () => {
    const csv = "id,title\n1,Thé\n";
    await world.putFeed("feeds/f2/g1.csv", csv, false);
    world.setLive("csv", "meta.csv", {
      blobKey: "feeds/f2/g1.csv",
      storedGzip: false,
      contentType: "text/csv; charset=utf-8",
    });
    const response = await get("/feeds/csv/meta.csv", { "Accept-Encoding": "gzip" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(csv)));
    expect(await response.text()).toBe(csv);

    const gz = await get("/feeds/csv/meta.csv.gz");
    expect(gz.status).toBe(404);
  });
});

describe("conditional requests", () => {
  async function etagFor(path: string, headers: Record<string, string> = {}) {
    const response = await get(path, headers);
    await response.arrayBuffer();
    return response.headers.get("etag") as string;
  }

  test("If-None-Match gives 304 on a strong or weak match, a list or *", async () => {
    const etag = await etagFor("/feeds/tok/google.xml.gz");
    for (const value of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const response = await get("/feeds/tok/google.xml.gz", { "If-None-Match": value });
      expect(response.status).toBe(304);
      expect(response.headers.get("etag")).toBe(etag);
      expect(response.headers.get("last-modified")).toBe(LAST_MODIFIED);
      expect(response.headers.get("cache-control")).toBe("public, no-cache");
      expect(await response.text()).toBe("");
    }
    const changed = await get("/feeds/tok/google.xml.gz", { "If-None-Match": '"other"' });
    expect(changed.status).toBe(200);
  });

  test("the tag of one encoding does not validate the other", async () => {
    const gzipTag = await etagFor("/feeds/tok/google.xml", { "Accept-Encoding": "gzip" });
    const hit = await get("/feeds/tok/google.xml", {
      "Accept-Encoding": "gzip",
      "If-None-Match": gzipTag,
    });
    expect(hit.status).toBe(304);
    expect(hit.headers.get("vary")).toBe("Accept-Encoding");
    const identity = await get("/feeds/tok/google.xml", { "If-None-Match": gzipTag });
    expect(identity.status).toBe(200);
    expect(await identity.text()).toBe(XML);
  });

  test("If-Modified-Since gives 304 unless the feed changed; If-None-Match takes precedence", async () => {
    const later = new Date(PUBLISHED_AT.getTime() + 60_000).toUTCString();
    const earlier = new Date(PUBLISHED_AT.getTime() - 60_000).toUTCString();
    expect(
      (await get("/feeds/tok/google.xml.gz", { "If-Modified-Since": LAST_MODIFIED })).status,
    ).toBe(304);
    expect((await get("/feeds/tok/google.xml.gz", { "If-Modified-Since": later })).status).toBe(
      304,
    );
    const modified = await get("/feeds/tok/google.xml.gz", { "If-Modified-Since": earlier });
    expect(modified.status).toBe(200);
    await modified.arrayBuffer();
    const garbage = await get("/feeds/tok/google.xml.gz", { "If-Modified-Since": "yesterday" });
    expect(garbage.status).toBe(200);
    await garbage.arrayBuffer();
    // A non-matching If-None-Match wins over a satisfied If-Modified-Since.
    const both = await get("/feeds/tok/google.xml.gz", {
      "If-None-Match": '"stale"',
      "If-Modified-Since": later,
    });
    expect(both.status).toBe(200);
    await both.arrayBuffer();
  });
});

describe("HEAD", () => {
  test("gives the GET headers without a body and without reading the blob", async () => {
    for (const [path, headers] of [
      ["/feeds/tok/google.xml.gz", {}],
      ["/feeds/tok/google.xml", { "Accept-Encoding": "gzip" }],
      ["/feeds/tok/google.xml", {}],
    ] as const) {
      const full = await get(path, headers);
      await full.arrayBuffer();
      const reads = world.counts.get;
      const head = await get(path, headers, "HEAD");
      expect(head.status).toBe(200);
      expect(await head.text()).toBe("");
      expect(world.counts.get).toBe(reads);
      for (const name of [
        "content-type",
        "content-encoding",
        "content-length",
        "etag",
        "last-modified",
        "vary",
        "accept-ranges",
        "cache-control",
      ]) {
        expect([name, head.headers.get(name)]).toEqual([name, full.headers.get(name)]);
      }
    }
    const conditional = await get("/feeds/tok/google.xml.gz", { "If-None-Match": "*" }, "HEAD");
    expect(conditional.status).toBe(304);
  });
});

describe("Range", () => {
  const path = "/feeds/tok/google.xml.gz";

  test("serves one range with 206 and Content-Range", async () => {
    const size = gzBytes.length;
    const cases: [string, number, number][] = [
      ["bytes=0-99", 0, 99],
      ["bytes=100-", 100, size - 1],
      ["bytes=-50", size - 50, size - 1],
      [`bytes=10-${size + 1000}`, 10, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await get(path, { Range: range });
      expect(response.status).toBe(206);
      expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get("content-length")).toBe(String(end - start + 1));
      expect((await bytesOf(response)).equals(gzBytes.subarray(start, end + 1))).toBe(true);
    }
  });

  test("ranges the gzip-encoded representation of a plain name", async () => {
    const response = await get("/feeds/tok/google.xml", {
      "Accept-Encoding": "gzip",
      Range: "bytes=0-9",
    });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect((await bytesOf(response)).equals(gzBytes.subarray(0, 10))).toBe(true);
  });

  test("416 with the size when the range starts past the end", async () => {
    const response = await get(path, { Range: `bytes=${gzBytes.length}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${gzBytes.length}`);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe("RANGE_NOT_SATISFIABLE");
  });

  test("ignores several ranges, other units and malformed headers", async () => {
    for (const range of ["bytes=0-1,5-9", "items=0-1", "bytes=9-2", "bytes=abc"]) {
      const response = await get(path, { Range: range });
      expect(response.status).toBe(200);
      expect((await bytesOf(response)).length).toBe(gzBytes.length);
    }
  });

  test("If-Range: the range applies only while the validator is current", async () => {
    const etag = (await get(path, { Range: "bytes=0-0" })).headers.get("etag") as string;
    const current = await get(path, { Range: "bytes=0-9", "If-Range": etag });
    expect(current.status).toBe(206);
    await current.arrayBuffer();
    const byDate = await get(path, { Range: "bytes=0-9", "If-Range": LAST_MODIFIED });
    expect(byDate.status).toBe(206);
    await byDate.arrayBuffer();
    for (const stale of ['"old"', `W/${etag}`, "Mon, 01 Jan 2024 00:00:00 GMT"]) {
      const response = await get(path, { Range: "bytes=0-9", "If-Range": stale });
      expect(response.status).toBe(200);
      expect((await bytesOf(response)).length).toBe(gzBytes.length);
    }
  });

  test("the decompressed representation offers no ranges and sends it all", async () => {
    const response = await get("/feeds/tok/google.xml", { Range: "bytes=0-9" });
    expect(response.status).toBe(200);
    expect(response.headers.get("accept-ranges")).toBe("none");
    expect(await response.text()).toBe(XML);
  });
});

describe("access", () => {
  test("404 for unknown, tampered and revoked tokens and wrong names, all alike", async () => {
    const bodies: unknown[] = [];
    const paths = ["/feeds/nope/google.xml", "/feeds/tok0/google.xml", "/feeds/tok/meta.csv"];
    world.setLive("rotated", "google.xml", { blobKey: GZ, storedGzip: true });
    expect((await get("/feeds/rotated/google.xml.gz", { "If-None-Match": "*" })).status).toBe(304);
    world.revoke("rotated");
    paths.push("/feeds/rotated/google.xml");
    for (const path of paths) {
      const response = await get(path);
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { requestId?: string } };
      delete body.error.requestId;
      bodies.push(body);
      expect(JSON.stringify(body)).not.toContain(path.split("/")[2]);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual({
      error: { code: "NOT_FOUND", message: expect.stringContaining("no feed at this address") },
    });
  });

  test("503 with Retry-After before the first publication", async () => {
    world.setUnpublished("new");
    const response = await get("/feeds/new/google.xml");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("300");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("UNAVAILABLE");
    expect(world.sink.fetches.at(-1)).toMatchObject({ feedId: "feed-new", status: 503 });
  });

  test("Basic auth: 401 with a challenge without or with wrong credentials, even for 304", async () => {
    world.setLive("locked", "google.xml", {
      blobKey: GZ,
      storedGzip: true,
      basicAuth: { user: "merchant", password: "s3cret" },
    });
    for (const headers of [
      {},
      { Authorization: basic("merchant", "wrong") },
      { Authorization: basic("other", "s3cret") },
      { Authorization: "Bearer s3cret" },
      { "If-None-Match": "*" },
    ] as Record<string, string>[]) {
      const response = await get("/feeds/locked/google.xml.gz", headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe(
        'Basic realm="Comptoir feed", charset="UTF-8"',
      );
      expect(await response.text()).not.toContain("s3cret");
    }
    const ok = await get("/feeds/locked/google.xml.gz", {
      Authorization: basic("merchant", "s3cret"),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("private, no-cache");
    expect((await bytesOf(ok)).equals(gzBytes)).toBe(true);
  });
});

describe("Basic auth and the cache", () => {
  test("a verified password is remembered for the cache's lifetime; a wrong one never is", async () => {
    world = await feedWorld({ cacheTtlMs: 60_000 });
    await world.putFeed(GZ, XML, true);
    world.setLive("locked", "google.xml", {
      blobKey: GZ,
      storedGzip: true,
      basicAuth: { user: "merchant", password: "s3cret" },
    });
    const good = { Authorization: basic("merchant", "s3cret"), "If-None-Match": "*" };
    const bad = { Authorization: basic("merchant", "nope"), "If-None-Match": "*" };
    for (let i = 0; i < 3; i++)
      expect((await get("/feeds/locked/google.xml.gz", good)).status).toBe(304);
    expect(world.counts.verify).toBe(1);
    for (let i = 0; i < 2; i++)
      expect((await get("/feeds/locked/google.xml.gz", bad)).status).toBe(401);
    expect(world.counts.verify).toBe(3);
  });
});

describe("fetch records", () => {
  test("each answer is reported with its status, bytes sent and fetcher family", async () => {
    const ua = { "User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" };
    const full = await get("/feeds/tok/google.xml.gz", ua);
    await full.arrayBuffer();
    const etag = full.headers.get("etag") as string;
    await get("/feeds/tok/google.xml.gz", { ...ua, "If-None-Match": etag });
    const part = await get("/feeds/tok/google.xml.gz", {
      "User-Agent": "facebookexternalhit/1.1",
      Range: "bytes=0-99",
    });
    await part.arrayBuffer();
    await get("/feeds/tok/google.xml.gz", { "User-Agent": "curl/8" }, "HEAD");
    await get("/feeds/unknown/google.xml.gz");
    expect(
      world.sink.fetches.map(({ feedId, fetcher, status, bytes }) => ({
        feedId,
        fetcher,
        status,
        bytes,
      })),
    ).toEqual([
      { feedId: "feed-tok", fetcher: "googlebot", status: 200, bytes: gzBytes.length },
      { feedId: "feed-tok", fetcher: "googlebot", status: 304, bytes: 0 },
      { feedId: "feed-tok", fetcher: "facebookexternalhit", status: 206, bytes: 100 },
      { feedId: "feed-tok", fetcher: "other", status: 200, bytes: 0 },
    ]);
  });

  test("a download the client abandons reports the bytes handed over so far", async () => {
    const response = await get("/feeds/tok/google.xml");
    await response.body?.cancel();
    const last = world.sink.fetches.at(-1);
    expect(last?.status).toBe(200);
    expect(last?.bytes).toBeLessThan(XML.length);
  });
});

describe("documentation", () => {
  test("the route is in the OpenAPI document", async () => {
    const doc = (await (await get("/api/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    expect(doc.paths["/feeds/{token}/{file}"]).toBeDefined();
  });
});

describe("request logs", () => {
  test("never contain the token; answered fetches are logged at debug, errors at info", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    world = await feedWorld({
      logger: createLogger({ level: "debug", format: "json", destination }),
    });
    await world.putFeed(GZ, XML, true);
    world.setLive("secrettoken", "google.xml", { blobKey: GZ, storedGzip: true });
    await (await get("/feeds/secrettoken/google.xml.gz")).arrayBuffer();
    await get("/feeds/othersecret/google.xml.gz");
    const entries = lines.map(
      (line) => JSON.parse(line) as { level: number; path: string; status: number },
    );
    expect(lines.join("")).not.toContain("secret");
    expect(entries.map(({ level, path, status }) => ({ level, path, status }))).toEqual([
      { level: 20, path: "/feeds/…/google.xml.gz", status: 200 },
      { level: 30, path: "/feeds/…/google.xml.gz", status: 404 },
    ]);
  });
});

describe("the lookup cache", () => {
  test("conditional requests within the TTL do no lookup and no blob read; a new generation shows after it", async () => {
    let now = 1_000_000;
    world = await feedWorld({ cacheTtlMs: 2000, now: () => now });
    const first = await world.putFeed(GZ, XML, true);
    world.setLive("tok", "google.xml", { blobKey: GZ, storedGzip: true });
    const initial = await get("/feeds/tok/google.xml.gz");
    await initial.arrayBuffer();
    const etag = initial.headers.get("etag") as string;
    const before = { ...world.counts };
    for (let i = 0; i < 20; i++) {
      const response = await get("/feeds/tok/google.xml.gz", { "If-None-Match": etag });
      expect(response.status).toBe(304);
    }
    expect(world.counts).toEqual(before);

    // Publish a new generation: within the TTL the previous one is still served, whole.
    const next = await world.putFeed("feeds/f1/g2.xml.gz", feedXml("b"), true);
    world.setLive("tok", "google.xml", { blobKey: "feeds/f1/g2.xml.gz", storedGzip: true });
    const stale = await get("/feeds/tok/google.xml.gz");
    expect((await bytesOf(stale)).equals(first)).toBe(true);
    now += 2001;
    const fresh = await get("/feeds/tok/google.xml.gz", { "If-None-Match": etag });
    expect(fresh.status).toBe(200);
    expect((await bytesOf(fresh)).equals(next)).toBe(true);
  });

  test("a cached generation whose blob has gone is looked up again", async () => {
    world = await feedWorld({ cacheTtlMs: 60_000 });
    await world.putFeed(GZ, XML, true);
    world.setLive("tok", "google.xml", { blobKey: GZ, storedGzip: true });
    await (await get("/feeds/tok/google.xml.gz")).arrayBuffer();
    const next = await world.putFeed("feeds/f1/g2.xml.gz", feedXml("b"), true);
    world.setLive("tok", "google.xml", { blobKey: "feeds/f1/g2.xml.gz", storedGzip: true });
    await world.store.delete(GZ);
    const response = await get("/feeds/tok/google.xml.gz");
    expect(response.status).toBe(200);
    expect((await bytesOf(response)).equals(next)).toBe(true);
  });
});
