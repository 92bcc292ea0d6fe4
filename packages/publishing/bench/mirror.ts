/**
 * Feed generation from the catalog mirror (embedded PGlite on disk, as `comptoir feeds generate`
 * reads it), next to `@comptoir/feeds`' in-memory bench. A prepare process syncs N simulated
 * products into a data directory (and fills in images as product detail re-reads would); each
 * measured run is its own process that opens the directory and generates one feed to a discard
 * target. Prints rows/s and peak RSS (before generation = PGlite open; peak = during), medians.
 *
 *   pnpm --filter @comptoir/publishing bench [-- --products 5000,50000 --repeat 3 --only google-products-xml-gz]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addAccount, findAccount, openAccountClient } from "@comptoir/accounts";
import { createKeyRing, generateKey } from "@comptoir/auth";
import { mirrorFeedSource, syncCatalog } from "@comptoir/catalog";
import { openDatabase, queryRows } from "@comptoir/db";
import { feedSettings, generateFeed, getProfile, type ProfileId } from "@comptoir/feeds";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { sql } from "drizzle-orm";

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index < 0 ? undefined : args[index + 1];
};
const MB = 1024 * 1024;

interface Scenario {
  readonly profile: ProfileId;
  readonly gzip: boolean;
}

interface Measurement {
  readonly rows: number;
  readonly seconds: number;
  readonly baselineRssMb: number;
  readonly peakRssMb: number;
  /** Peak V8 heap: what the streaming code itself holds (PGlite's WASM memory is outside). */
  readonly peakHeapMb: number;
}

async function prepare(dataDir: string, products: number): Promise<void> {
  const handle = await openDatabase({ kind: "pglite", dataDir });
  await handle.migrate();
  const sim = createSimulator({ seed: 20_261_204, products, monthlyQuota: 10_000_000 });
  const services = { ring: createKeyRing([generateKey({ id: "b1" })]), fetch: sim.fetch };
  await addAccount(handle.db, services, {
    name: "bench",
    hiboutikAccount: "demo-shop",
    apiUrl: sim.baseUrl,
    monthlyCallQuota: 10_000_000,
    credentials: { kind: "basic", ...sim.credentials },
  });
  const account = await findAccount(handle.db, "bench");
  await syncCatalog(handle.db, await openAccountClient(handle.db, services, account));
  // What `comptoir sync --products` would bring: two large images per product.
  await handle.db.execute(sql`update catalog_products set images = jsonb_build_array(
      jsonb_build_object('url', 'https://img.example/big_' || product_id || '-1.jpg', 'rendition', 'big', 'slot', 1),
      jsonb_build_object('url', 'https://img.example/big_' || product_id || '-2.jpg', 'rendition', 'big', 'slot', 2))`);
  await handle.close();
}

async function child(dataDir: string, scenario: Scenario): Promise<Measurement> {
  const handle = await openDatabase({ kind: "pglite", dataDir });
  const [account] = await queryRows<{ id: string }>(
    handle.db,
    sql`select id from accounts where name = 'bench'`,
  );
  if (!account) throw new Error("run the prepare step first");
  const settings = feedSettings({
    channel: { title: "bench", link: "https://shop.example/" },
    linkTemplate: "https://shop.example/p/{ref}?size={size}",
    localInventory: {
      stores: [
        { storeId: 1, storeCode: "S1" },
        { storeId: 2, storeCode: "S2" },
      ],
    },
    output: { gzip: scenario.gzip },
  });
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 10);
  const started = performance.now();
  const { summary } = await generateFeed(
    mirrorFeedSource(handle.db, account.id),
    settings,
    getProfile(scenario.profile),
    { kind: "discard" },
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  await handle.close();
  return {
    rows: summary.counts.rows,
    seconds,
    baselineRssMb: baseline / MB,
    peakRssMb: Math.max(peak, process.memoryUsage().rss) / MB,
    peakHeapMb: peakHeap / MB,
  };
}

const script = fileURLToPath(import.meta.url);
const node = (...extra: string[]) => {
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", script, ...extra], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (run.status !== 0) throw new Error(`bench child failed (${run.status})`);
  return run.stdout;
};

if (option("prepare") !== undefined) {
  await prepare(option("prepare") as string, Number(option("products")));
} else if (option("child") !== undefined) {
  const result = await child(option("child") as string, JSON.parse(option("scenario") ?? "{}"));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const sizes = (option("products") ?? "5000,50000").split(",").map(Number);
  const repeat = Number(option("repeat") ?? 3);
  const only = option("only");
  const allScenarios: Scenario[] = [
    { profile: "google-products-xml", gzip: false },
    { profile: "google-products-xml", gzip: true },
    { profile: "meta-csv", gzip: false },
    { profile: "meta-csv", gzip: true },
    { profile: "google-local-inventory", gzip: false },
    { profile: "google-local-inventory", gzip: true },
  ];
  const scenarios = allScenarios.filter(
    (s) => only === undefined || `${s.profile}${s.gzip ? "-gz" : ""}` === only,
  );
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.warn(
    `Feeds from the mirror (embedded PGlite), ${repeat} run(s) each, medians; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.warn(
    `${"products".padStart(8)} ${"configuration".padEnd(30)} ${"rows".padStart(8)} ${"seconds".padStart(8)} ${"rows/s".padStart(9)} ${"RSS open MB".padStart(12)} ${"peak RSS MB".padStart(12)} ${"peak heap MB".padStart(13)}`,
  );
  for (const size of sizes) {
    const root = fs.mkdtempSync(path.join(tmpdir(), "comptoir-feeds-bench-"));
    const dataDir = path.join(root, "pglite");
    try {
      node("--prepare", dataDir, "--products", String(size));
      for (const scenario of scenarios) {
        const runs: Measurement[] = [];
        for (let i = 0; i < repeat; i++)
          runs.push(
            JSON.parse(
              node("--child", dataDir, "--scenario", JSON.stringify(scenario)),
            ) as Measurement,
          );
        const rows = runs[0]?.rows ?? 0;
        const seconds = median(runs.map((r) => r.seconds));
        console.warn(
          `${String(size).padStart(8)} ${`${scenario.profile}${scenario.gzip ? " gz" : ""}`.padEnd(30)} ${String(rows).padStart(8)} ${seconds.toFixed(2).padStart(8)} ${Math.round(
            rows / seconds,
          )
            .toLocaleString("en-US")
            .padStart(9)} ${median(runs.map((r) => r.baselineRssMb))
            .toFixed(0)
            .padStart(12)} ${median(runs.map((r) => r.peakRssMb))
            .toFixed(0)
            .padStart(12)} ${median(runs.map((r) => r.peakHeapMb))
            .toFixed(0)
            .padStart(13)}`,
        );
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}
