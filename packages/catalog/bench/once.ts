import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { addAccount, findAccount, openAccountClient } from "@comptoir/accounts";
import { createKeyRing, generateKey } from "@comptoir/auth";
import { loadConfig } from "@comptoir/config";
import { type DatabaseHandle, openDatabase } from "@comptoir/db";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { sql } from "drizzle-orm";
import { syncCatalog } from "../src/index.ts";

export interface BenchResult {
  readonly backend: "pglite" | "postgres";
  readonly size: number;
  readonly products: number;
  readonly seconds: number;
  readonly productsPerSecond: number;
  readonly calls: number;
  readonly resyncSeconds: number;
  readonly baselineRssMb: number;
  readonly peakRssMb: number;
  /** The machine's 1-minute load average when the run ended: figures are only as quiet as it. */
  readonly loadAverage: number;
}

const MB = 1024 * 1024;

/**
 * Creates and migrates an embedded data directory, in its own process: PGlite's initdb touches
 * ~700 MB that the process keeps, once per installation, so it is kept out of the measured
 * process, which opens the directory as every `comptoir sync` run does.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  const handle = await openDatabase({ kind: "pglite", dataDir });
  await handle.migrate();
  await handle.close();
}

/** One full sync (and one unchanged re-sync) of `size` products into an empty database. */
export async function runOnce(options: {
  size: number;
  backend: "pglite" | "postgres";
  /** The prepared (created, migrated) PGlite data directory. */
  dataDir?: string;
}): Promise<BenchResult> {
  const { handle, dispose } = await freshDatabase(options.backend, options.dataDir);
  try {
    await handle.migrate();
    const sim = createSimulator({
      seed: 20_261_120,
      products: options.size,
      monthlyQuota: 10_000_000,
    });
    const services = { ring: createKeyRing([generateKey({ id: "b1" })]), fetch: sim.fetch };
    await addAccount(handle.db, services, {
      name: "bench",
      hiboutikAccount: "demo-shop",
      apiUrl: sim.baseUrl,
      monthlyCallQuota: 10_000_000,
      credentials: { kind: "basic", ...sim.credentials },
    });
    const account = await findAccount(handle.db, "bench");

    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 10);
    const started = performance.now();
    const result = await syncCatalog(
      handle.db,
      await openAccountClient(handle.db, services, account),
      // The list path alone: details cost one call each and are budgeted, not benchmarked.
      { onProgress: sample, details: "none" },
    );
    const seconds = (performance.now() - started) / 1000;
    const resyncStarted = performance.now();
    await syncCatalog(handle.db, await openAccountClient(handle.db, services, account), {
      onProgress: sample,
      details: "none",
    });
    const resyncSeconds = (performance.now() - resyncStarted) / 1000;
    clearInterval(timer);
    sample();
    const products = result.counts.added + result.counts.changed + result.counts.unchanged;
    return {
      backend: options.backend,
      size: options.size,
      products,
      seconds,
      productsPerSecond: products / seconds,
      calls: result.callsUsed,
      resyncSeconds,
      baselineRssMb: baseline / MB,
      peakRssMb: Math.max(peak, process.resourceUsage().maxRSS * 1024) / MB,
      loadAverage: os.loadavg()[0] ?? 0,
    };
  } finally {
    await dispose();
  }
}

async function freshDatabase(
  backend: "pglite" | "postgres",
  preparedDir: string | undefined,
): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> {
  if (backend === "pglite") {
    const dir =
      preparedDir ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-bench-")), "pglite");
    const handle = await openDatabase({ kind: "pglite", dataDir: dir });
    return {
      handle,
      dispose: async () => {
        await handle.close();
        fs.rmSync(path.dirname(dir), { recursive: true, force: true });
      },
    };
  }
  const target = loadConfig().database;
  if (target.kind !== "postgres") throw new Error("DATABASE_URL must point at PostgreSQL");
  // @comptoir/db/testing needs vitest, so the scratch database is made here.
  const name = `comptoir_bench_${process.pid}`;
  const admin = await openDatabase(target.url, { command: "comptoir catalog bench" });
  await admin.db.execute(sql.raw(`create database "${name}"`));
  const url = new URL(target.url);
  url.pathname = `/${name}`;
  const handle = await openDatabase(url.toString(), { command: "comptoir catalog bench" });
  return {
    handle,
    dispose: async () => {
      await handle.close();
      // Forcing the drop while the pool's last connection is still closing kills it, and the
      // pool reports that as an unhandled error: wait for the connections to go first.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.db.execute(sql.raw(`drop database if exists "${name}"`));
          break;
        } catch (error) {
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await admin.close();
    },
  };
}
