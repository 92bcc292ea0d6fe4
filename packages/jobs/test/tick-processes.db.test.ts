import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createRequire } from "node:module";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadConfig } from "@comptoir/config";
import { type Database, openDatabase, queryRows } from "@comptoir/db";
import { createScratchDatabase, dropScratchDatabase } from "@comptoir/db/testing";
import { createTestDatabase } from "@comptoir/testing";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setFeedSchedule } from "../src/index.ts";
import { STUB_RUNS_TABLE, startTickWorker } from "./fixtures/tick-harness.ts";
import { accountWithFeeds, eventually, quietLogger } from "./support.ts";

const require = createRequire(import.meta.url);
const tsx = pathToFileURL(require.resolve("tsx")).href;
const WORKER = fileURLToPath(new URL("./fixtures/tick-worker.ts", import.meta.url));

const FEEDS = 6;
const SLOTS = 5;
const BASE = new Date("2026-11-20T10:00:00Z");
const slotAt = (k: number) => new Date(BASE.getTime() + k * 60_000);

interface Worker {
  tick(now: Date): Promise<number>;
  stop(): Promise<void>;
}

/** A worker in its own process, driven over stdin/stdout. */
async function spawnWorker(url: string): Promise<Worker> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--import", tsx, WORKER, url],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
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
      await new Promise((resolve) => child.once("close", resolve));
    },
  };
}

async function runSchedule(db: Database, workers: Worker[]) {
  await queryRows(db, STUB_RUNS_TABLE);
  const { feedIds } = await accountWithFeeds(db, FEEDS, "multi");
  for (const feedId of feedIds) {
    await setFeedSchedule(db, feedId, { everySeconds: 60 }, { now: slotAt(-1) });
  }
  let claimed = 0;
  for (let k = 0; k < SLOTS; k++) {
    // Every worker ticks at the same instant; each slot must be claimed by exactly one.
    const counts = await Promise.all(workers.map((w) => w.tick(slotAt(k))));
    claimed += counts.reduce((a, b) => a + b, 0);
    // Let the generations finish before the next slot, so none collapses into a queued one.
    await eventually(async () => {
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from pgboss.job where name = 'feed.generate' and state in ('created', 'retry', 'active')`,
      );
      return row?.n === 0;
    });
  }
  const runs = await queryRows<{ feed_id: string; slot: string; n: number }>(
    db,
    sql`select feed_id, slot, count(*)::int as n from stub_runs group by feed_id, slot`,
  );
  return { claimed, runs };
}

describe("scheduled generations with several workers", () => {
  it("run exactly once per feed and slot", async () => {
    const target = loadConfig().database;
    if (target.kind === "postgres") {
      // Two real processes on one PostgreSQL database.
      const scratch = await createScratchDatabase(target.url);
      const handle = await openDatabase(scratch.url, { command: "tick test" });
      const workers: Worker[] = [];
      try {
        await handle.migrate();
        workers.push(await spawnWorker(scratch.url), await spawnWorker(scratch.url));
        const { claimed, runs } = await runSchedule(handle.db, workers);
        expect(claimed).toBe(FEEDS * SLOTS);
        expect(runs).toHaveLength(FEEDS * SLOTS);
        expect(runs.every((run) => run.n === 1)).toBe(true);
      } finally {
        for (const worker of workers) await worker.stop();
        await handle.close();
        await dropScratchDatabase(target.url, scratch.name);
      }
    } else {
      // Embedded: one process per directory, so two worker instances share one PGlite.
      const database = await createTestDatabase();
      const db = database.handle.db;
      await queryRows(db, STUB_RUNS_TABLE);
      const workers = [
        await startTickWorker(db, quietLogger, "a"),
        await startTickWorker(db, quietLogger, "b"),
      ];
      try {
        const { claimed, runs } = await runSchedule(db, workers);
        expect(claimed).toBe(FEEDS * SLOTS);
        expect(runs).toHaveLength(FEEDS * SLOTS);
        expect(runs.every((run) => run.n === 1)).toBe(true);
      } finally {
        for (const worker of workers) await worker.stop();
        await database.dispose();
      }
    }
  });
});
