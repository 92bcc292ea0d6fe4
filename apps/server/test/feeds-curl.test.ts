import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createLocalFsStore } from "@comptoir/storage";
import { useTempDir } from "@comptoir/testing";
import { expect, test } from "vitest";
import { startServer } from "../src/index.ts";
import { curl, curlHead, parseHead } from "./curl.ts";
import { feedWorld, feedXml } from "./feed-fixtures.ts";

test("a running server answers curl: conditional GET, HEAD, gzip, ranges, resume, Basic auth", async () => {
  const dir = useTempDir();
  const world = await feedWorld({
    cacheTtlMs: 2000,
    store: createLocalFsStore({ root: join(dir, "blobs") }),
  });
  const xml = feedXml("curl", 20_000);
  const gz = await world.putFeed("feeds/f1/g1.xml.gz", xml, true);
  world.setLive("tok", "google.xml", { blobKey: "feeds/f1/g1.xml.gz", storedGzip: true });
  world.setLive("locked", "google.xml", {
    blobKey: "feeds/f1/g1.xml.gz",
    storedGzip: true,
    basicAuth: { user: "merchant", password: "s3cret" },
  });
  world.setUnpublished("new");
  const server = await startServer(world.app, { port: 0 });
  try {
    const gzUrl = `${server.url}/feeds/tok/google.xml.gz`;
    const plainUrl = `${server.url}/feeds/tok/google.xml`;

    // Full download of the .gz file: byte for byte.
    const out = join(dir, "google.xml.gz");
    const full = await curlHead([gzUrl]);
    expect(full.status).toBe(200);
    expect(full.headers["content-type"]).toBe("application/gzip");
    expect(full.headers["content-length"]).toBe(String(gz.length));
    await curl(["-o", out, gzUrl]);
    expect(readFileSync(out).equals(gz)).toBe(true);
    const etag = full.headers.etag as string;
    const lastModified = full.headers["last-modified"] as string;

    // Conditional GET both ways.
    expect((await curlHead(["-H", `If-None-Match: ${etag}`, gzUrl])).status).toBe(304);
    expect((await curlHead(["-H", `If-Modified-Since: ${lastModified}`, gzUrl])).status).toBe(304);
    expect((await curlHead(["-H", 'If-None-Match: "old"', gzUrl])).status).toBe(200);
    // Request ids as the app gives them: the client's when well-formed, a new one otherwise.
    const requestIdFor = async (sent: string) =>
      (await curlHead(["-H", `If-None-Match: ${etag}`, "-H", `X-Request-Id: ${sent}`, gzUrl]))
        .headers["x-request-id"];
    expect(await requestIdFor("crawl-42")).toBe("crawl-42");
    expect(await requestIdFor("a b")).toMatch(/^[0-9a-f-]{36}$/);
    // curl -z DATE sends If-Modified-Since.
    expect((await curlHead(["-z", lastModified, gzUrl])).status).toBe(304);

    // HEAD: the same headers, Content-Length included, no body.
    const head = parseHead((await curl(["-I", gzUrl])).toString("latin1"));
    expect(head.status).toBe(200);
    for (const name of [
      "content-type",
      "content-length",
      "etag",
      "last-modified",
      "accept-ranges",
    ]) {
      expect([name, head.headers[name]]).toEqual([name, full.headers[name]]);
    }

    // A plain name: curl --compressed negotiates gzip and decodes; plain curl gets identity.
    const compressed = await curl(["--compressed", "-o", join(dir, "a.xml"), plainUrl]);
    expect(parseHead(compressed.toString("latin1")).headers["content-encoding"]).toBe("gzip");
    expect(readFileSync(join(dir, "a.xml"), "utf8")).toBe(xml);
    const identity = parseHead(
      (await curl(["-o", join(dir, "b.xml"), plainUrl])).toString("latin1"),
    );
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(readFileSync(join(dir, "b.xml"), "utf8")).toBe(xml);

    // One range, and resuming a broken download with -C -.
    const part = await curlHead(["-r", "0-99", gzUrl]);
    expect(part.status).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 0-99/${gz.length}`);
    const resumed = join(dir, "resumed.gz");
    writeFileSync(resumed, gz.subarray(0, 12_345));
    await curl(["-C", "-", "-o", resumed, gzUrl]);
    expect(readFileSync(resumed).equals(gz)).toBe(true);
    expect((await curlHead(["-r", `${gz.length}-`, gzUrl])).status).toBe(416);

    // Basic auth, 503 before publication, 404 for a token that does not exist.
    const locked = `${server.url}/feeds/locked/google.xml.gz`;
    const denied = await curlHead([locked]);
    expect(denied.status).toBe(401);
    expect(denied.headers["www-authenticate"]).toContain("Basic");
    expect((await curlHead(["-u", "merchant:s3cret", locked])).status).toBe(200);
    const unpublished = await curlHead([`${server.url}/feeds/new/google.xml`]);
    expect(unpublished.status).toBe(503);
    expect(unpublished.headers["retry-after"]).toBe("300");
    expect((await curlHead([`${server.url}/feeds/nope/google.xml`])).status).toBe(404);
  } finally {
    await server.close();
  }
  // Every fetch above was reported, with the bytes actually sent for the downloads.
  expect(world.sink.fetches.filter((f) => f.status === 304)).toHaveLength(5);
  expect(world.sink.fetches.some((f) => f.status === 200 && f.bytes === gz.length)).toBe(true);
});
