/**
 * Full sync of N products from the in-process simulator into embedded PGlite (on disk, as in
 * production) and, when DATABASE_URL points at PostgreSQL, into a scratch PostgreSQL database.
 * Each run is its own process (bench/child.ts, built as the CLI is built for production; with
 * `--source` it runs from the TypeScript sources through tsx instead, for comparison), so peak
 * RSS figures compare; RSS is sampled every 10 ms and after every page. The embedded data
 * directory is created and migrated by a process of its own first (initdb alone leaves ~700 MB
 * resident), as `comptoir sync` opens an existing one. The in-process simulator runs in the
 * measured process, and with PGlite so does the database: on a busy machine (see the load
 * column) those figures move the most. Prints products/s, calls used, duration and peak RSS,
 * with medians over repeats.
 *
 *   pnpm --filter @comptoir/catalog bench [-- --sizes 10000,100000 --repeat 3 --source --no-baseline]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "@comptoir/config";
import { RUNTIME_V8_FLAGS } from "@comptoir/config/runtime";
import { buildBenchChild } from "./bundle.ts";
import type { BenchResult } from "./once.ts";

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index < 0 ? undefined : args[index + 1];
};

const sizes = (option("sizes") ?? "10000,100000").split(",").map(Number);
const repeat = Number(option("repeat") ?? 3);
const fromSource = args.includes("--source");
const backends: ("pglite" | "postgres")[] =
  loadConfig().database.kind === "postgres" ? ["pglite", "postgres"] : ["pglite"];
/**
 * How the measured process runs V8: as Comptoir sets it up (the runtime profile and, with
 * PGlite, one wasm compilation task), and, as the baseline, with V8's defaults given explicitly
 * on the command line (explicit flags win over Comptoir's). Runs alternate between the two.
 */
const runtimes = [
  { name: "comptoir", nodeFlags: [] as string[] },
  ...(args.includes("--no-baseline")
    ? []
    : [
        {
          name: "V8 defaults",
          nodeFlags: ["--heap-growing-percent=0", "--wasm-num-compilation-tasks=128"],
        },
      ]),
];
const childCommand = fromSource
  ? ["--import", "tsx", fileURLToPath(new URL("./child.ts", import.meta.url))]
  : [await buildBenchChild()];
console.warn(
  `catalog full-sync bench: sizes ${sizes.join(", ")}, ${repeat} run(s) each, ${backends.join(" + ")}; ` +
    `${fromSource ? "TypeScript sources through tsx" : "production bundle"}; runtimes: ${runtimes
      .map((r) => r.name)
      .join(", ")} (comptoir = ${RUNTIME_V8_FLAGS.join(" ")}, one wasm compilation task)`,
);
const rows: string[] = [];
const ratios: string[] = [];
for (const backend of backends) {
  for (const size of sizes) {
    const results = new Map(runtimes.map((runtime) => [runtime.name, [] as BenchResult[]]));
    for (let run = 0; run < repeat; run++) {
      for (const runtime of runtimes) {
        const result = runChild(backend, size, runtime.nodeFlags);
        console.warn(`  ${backend} ${size} ${runtime.name}: ${JSON.stringify(result)}`);
        results.get(runtime.name)?.push(result);
      }
    }
    for (const runtime of runtimes) {
      rows.push(summarize(backend, size, runtime.name, results.get(runtime.name) ?? []));
    }
    const [ours, baseline] = runtimes.map((r) => results.get(r.name) ?? []);
    if (ours && baseline) {
      const peak = median(ours.map((r) => r.peakRssMb)) / median(baseline.map((r) => r.peakRssMb));
      const time = median(ours.map((r) => r.seconds)) / median(baseline.map((r) => r.seconds));
      ratios.push(
        `${backend} ${size}: peak RSS ${peak.toFixed(2)}×, full sync time ${time.toFixed(2)}× of V8 defaults`,
      );
    }
  }
}
process.stdout.write(
  `${[
    "| backend | products | runtime | products/s | calls | full sync s | resync (no change) s | peak RSS MB | baseline RSS MB | load avg |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n")}\n(medians of ${repeat} run(s); min–max in brackets)\n${ratios.join("\n")}\n`,
);

/** One measured process: prepares a fresh embedded data directory first when on PGlite. */
function runChild(backend: "pglite" | "postgres", size: number, nodeFlags: string[]): BenchResult {
  const node = (...extra: string[]) =>
    spawnSync(process.execPath, [...nodeFlags, "--expose-gc", ...childCommand, ...extra], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
      stdio: ["ignore", "pipe", "inherit"],
    });
  const dataDir =
    backend === "pglite"
      ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-bench-")), "pglite")
      : undefined;
  try {
    if (dataDir && node("--prepare", dataDir).status !== 0) {
      throw new Error("could not prepare the embedded database");
    }
    const child = node(
      "--child",
      String(size),
      "--backend",
      backend,
      ...(dataDir ? ["--data-dir", dataDir] : []),
    );
    if (child.status !== 0) throw new Error(`bench child failed (${child.status})`);
    return JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as BenchResult;
  } finally {
    if (dataDir) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function summarize(
  backend: string,
  size: number,
  runtime: string,
  results: readonly BenchResult[],
): string {
  const cell = (pick: (r: BenchResult) => number, digits = 1) => {
    const values = results.map(pick).sort((a, b) => a - b);
    const median = values[Math.floor(values.length / 2)] ?? Number.NaN;
    const range =
      values.length > 1
        ? ` (${values[0]?.toFixed(digits)}–${values[values.length - 1]?.toFixed(digits)})`
        : "";
    return `${median.toFixed(digits)}${range}`;
  };
  return `| ${backend} | ${size} | ${runtime} | ${cell((r) => r.productsPerSecond, 0)} | ${cell((r) => r.calls, 0)} | ${cell((r) => r.seconds)} | ${cell((r) => r.resyncSeconds)} | ${cell((r) => r.peakRssMb, 0)} | ${cell((r) => r.baselineRssMb, 0)} | ${cell((r) => r.loadAverage)} |`;
}
