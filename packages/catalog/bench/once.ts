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
}

const MB = 1024 * 1024;

/** One full sync (and one unchanged re-sync) of `size` products into a fresh database. */
export async function runOnce(options: {
  size: number;
  backend: "pglite" | "postgres";
}): Promise<BenchResult> {
  const { handle, dispose } = await freshDatabase(options.backend);
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
      {
        onProgress: sample,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const resyncStarted = performance.now();
    await syncCatalog(handle.db, await openAccountClient(handle.db, services, account), {
      onProgress: sample,
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
    };
  } finally {
    await dispose();
  }
}

async function freshDatabase(
  backend: "pglite" | "postgres",
): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> {
  if (backend === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-bench-"));
    const handle = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
    return {
      handle,
      dispose: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
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
      await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await admin.close();
    },
  };
}
