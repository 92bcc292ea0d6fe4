import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";
import {
  addAccount,
  type ClientServices,
  findAccount,
  openAccountClient,
} from "@comptoir/accounts";
import { createKeyRing, generateKey } from "@comptoir/auth";
import { syncCatalog } from "@comptoir/catalog";
import { loadConfig } from "@comptoir/config";
import { type Database, openDatabase, queryRows, schema } from "@comptoir/db";
import { createScratchDatabase, dropScratchDatabase } from "@comptoir/db/testing";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { runFeedTick, setFeedSchedule, startJobQueue } from "@comptoir/jobs";
import { createLogger } from "@comptoir/logger";
import { addFeed, feedPublicPath } from "@comptoir/publishing";
import { createLocalFsStore } from "@comptoir/storage";
import { createTestDatabase } from "@comptoir/testing";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createJobHandlers, startService } from "../src/index.ts";
import { curl, curlHead, parseHead } from "./curl.ts";

const require = createRequire(import.meta.url);
const tsx = pathToFileURL(require.resolve("tsx")).href;
const WORKER = fileURLToPath(new URL("./fixtures/schedule-worker.ts", import.meta.url));
const ring = createKeyRing([generateKey({ id: "t1" })]);

const SLOTS = 3;
const BASE = new Date("2026-11-20T10:00:00Z");
const slotAt = (k: number) => new Date(BASE.getTime() + k * 60_000);

interface Worker {
  tick(now: Date): Promise<number>;
  stop(): Promise<void>;
}

async function spawnWorker(url: string, blobRoot: string): Promise<Worker> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--import", tsx, WORKER, url, blobRoot],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`worker exited early:\n${stderr}`);
    return line.value;
  };
  expect(await next()).toBe("ready");
  return {
    async tick(now) {
      child.stdin.write(`tick ${now.toISOString()}\n`);
      return Number((await next()).replace("ticked ", ""));
    },
    async stop() {
      child.stdin.write("stop\n");
      await next();
    },
  };
}

/** A worker in this process (the embedded database admits one process). */
async function inProcessWorker(db: Database, blobRoot: string): Promise<Worker> {
  const queue = await startJobQueue({
    db,
    logger: createLogger({ level: "silent" }),
    role: "worker",
    pollingIntervalSeconds: 0.5,
    tickCron: null,
  });
  await queue.work(
    createJobHandlers({
      db,
      accountServices: { ring },
      blobs: createLocalFsStore({ root: blobRoot }),
      queue,
    }),
  );
  return {
    tick: async (now) => (await runFeedTick(db, queue, { now })).length,
    stop: () => queue.stop({ timeoutMs: 5000 }),
  };
}

/** A synced simulated shop with two scheduled feeds. */
async function scheduledFeeds(db: Database): Promise<string[]> {
  const sim = createSimulator({ seed: 8, products: 25, monthlyQuota: 1_000_000 });
  const services: ClientServices = { ring, fetch: sim.fetch };
  await addAccount(db, services, {
    name: "shop",
    hiboutikAccount: "demo-shop",
    apiUrl: sim.baseUrl,
    credentials: { kind: "basic", ...sim.credentials },
  });
  await syncCatalog(db, await openAccountClient(db, services, await findAccount(db, "shop")));
  const ids: string[] = [];
  for (const name of ["csv", "csv-copy"]) {
    const feed = await addFeed(db, {
      account: "shop",
      channel: "csv",
      name,
      linkTemplate: "https://demo-shop.example/p/{ref}",
    });
    await setFeedSchedule(db, feed.id, { everySeconds: 60 }, { now: slotAt(-1) });
    ids.push(feed.id);
  }
  return ids;
}

async function runSlots(db: Database, workers: Worker[]) {
  let claimed = 0;
  for (let k = 0; k < SLOTS; k++) {
    const counts = await Promise.all(workers.map((worker) => worker.tick(slotAt(k))));
    claimed += counts.reduce((a, b) => a + b, 0);
    // Each slot's generations finish before the next slot comes.
    for (;;) {
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from pgboss.job where name = 'feed.generate' and state in ('created', 'retry', 'active')`,
      );
      if (row?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return claimed;
}

async function expectOneRunPerSlot(db: Database, feedIds: string[], claimed: number) {
  expect(claimed).toBe(feedIds.length * SLOTS);
  const runs = await db.select().from(schema.feedRuns);
  for (const feedId of feedIds) {
    const ofFeed = runs.filter((run) => run.feedId === feedId);
    expect(ofFeed).toHaveLength(SLOTS);
    expect(ofFeed.every((run) => run.trigger === "job" && /^published/.test(run.outcome))).toBe(
      true,
    );
  }
  const live = await db.select({ live: schema.feeds.liveGenerationId }).from(schema.feeds);
  expect(live.every((feed) => feed.live !== null)).toBe(true);
}

/**
 * A web process (this test's) serves what the workers published: curl checks the public URL's
 * HTTP semantics (full GET, HEAD, conditional GET both ways, gzip negotiation, the .gz file).
 */
async function expectServedOverHttp(db: Database, feedIds: string[], blobRoot: string) {
  const web = await startService({
    role: "web",
    db,
    logger: createLogger({ level: "silent" }),
    config: loadConfig({}, os.tmpdir()),
    accountServices: { ring },
    blobs: createLocalFsStore({ root: blobRoot }),
    port: 0,
    hostname: "127.0.0.1",
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-curl-"));
  try {
    for (const feedId of feedIds) {
      const [feed] = await db.select().from(schema.feeds).where(eq(schema.feeds.id, feedId));
      if (!feed) throw new Error(`feed ${feedId} is gone`);
      const url = `${web.url}${feedPublicPath(ring, feed)}`;
      const plain = path.join(dir, `${feedId}.csv`);
      const full = parseHead((await curl(["-o", plain, url])).toString("latin1"));
      expect(full.status).toBe(200);
      expect(full.headers["content-type"]).toMatch(/^text\/csv; charset=utf-8/);
      const body = fs.readFileSync(plain, "utf8");
      expect(body.split("\n")[0]).toMatch(/^id,/);
      expect(body.trim().split("\n").length).toBeGreaterThan(10);

      const head = parseHead((await curl(["-I", url])).toString("latin1"));
      expect(head.status).toBe(200);
      for (const name of ["content-type", "content-length", "etag", "last-modified"]) {
        expect([name, head.headers[name]]).toEqual([name, full.headers[name]]);
      }
      const etag = full.headers.etag as string;
      expect((await curlHead(["-H", `If-None-Match: ${etag}`, url])).status).toBe(304);
      expect((await curlHead(["-z", full.headers["last-modified"] as string, url])).status).toBe(
        304,
      );
      expect((await curlHead(["-H", 'If-None-Match: "stale"', url])).status).toBe(200);

      const negotiated = path.join(dir, `${feedId}.negotiated.csv`);
      const gzipped = parseHead((await curl(["--compressed", "-o", negotiated, url])).toString());
      expect(gzipped.headers["content-encoding"]).toBe("gzip");
      expect(fs.readFileSync(negotiated, "utf8")).toBe(body);
      const gzFile = path.join(dir, `${feedId}.csv.gz`);
      const gz = parseHead((await curl(["-o", gzFile, `${url}.gz`])).toString());
      expect(gz.headers["content-type"]).toBe("application/gzip");
      expect(zlib.gunzipSync(fs.readFileSync(gzFile)).toString("utf8")).toBe(body);
    }
  } finally {
    await web.stop({ timeoutMs: 5000 });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("scheduled generations with two workers", () => {
  it("publish each feed once per slot, served with HTTP caching semantics", async () => {
    const blobRoot = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-blobs-"));
    const target = loadConfig().database;
    if (target.kind === "postgres") {
      const scratch = await createScratchDatabase(target.url);
      const handle = await openDatabase(scratch.url, { command: "schedules e2e" });
      const workers: Worker[] = [];
      try {
        await handle.migrate();
        const feedIds = await scheduledFeeds(handle.db);
        workers.push(
          await spawnWorker(scratch.url, blobRoot),
          await spawnWorker(scratch.url, blobRoot),
        );
        await expectOneRunPerSlot(handle.db, feedIds, await runSlots(handle.db, workers));
        await expectServedOverHttp(handle.db, feedIds, blobRoot);
      } finally {
        for (const worker of workers) await worker.stop();
        await handle.close();
        await dropScratchDatabase(target.url, scratch.name);
      }
    } else {
      const database = await createTestDatabase();
      const db = database.handle.db;
      const workers = [await inProcessWorker(db, blobRoot), await inProcessWorker(db, blobRoot)];
      try {
        const feedIds = await scheduledFeeds(db);
        await expectOneRunPerSlot(db, feedIds, await runSlots(db, workers));
        await expectServedOverHttp(db, feedIds, blobRoot);
      } finally {
        for (const worker of workers) await worker.stop();
        await database.dispose();
      }
    }
    fs.rmSync(blobRoot, { recursive: true, force: true });
  });
});
