/**
 * Full sync of N products from the in-process simulator into embedded PGlite (on disk, as in
 * production) and, when DATABASE_URL points at PostgreSQL, into a scratch PostgreSQL database.
 * Each run is its own process, so peak RSS figures compare; RSS is sampled every 10 ms and after
 * every page. The embedded data directory is created and migrated by a process of its own first
 * (initdb alone leaves ~700 MB resident), as `comptoir sync` opens an existing one. The in-process
 * simulator runs in the measured process, and with PGlite so does the database: on a busy machine
 * (see the load column) those figures move the most. Prints products/s, calls used, duration
 * and peak RSS, with medians over repeats.
 *
 *   pnpm --filter @comptoir/catalog bench [-- --sizes 10000,100000 --repeat 3]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "@comptoir/config";
import { type BenchResult, prepareDataDir, runOnce } from "./once.ts";

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index < 0 ? undefined : args[index + 1];
};

if (option("prepare") !== undefined) {
  await prepareDataDir(option("prepare") ?? "");
} else if (option("child") !== undefined) {
  const result = await runOnce({
    size: Number(option("child")),
    backend: option("backend") === "postgres" ? "postgres" : "pglite",
    dataDir: option("data-dir"),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const sizes = (option("sizes") ?? "10000,100000").split(",").map(Number);
  const repeat = Number(option("repeat") ?? 3);
  const backends: ("pglite" | "postgres")[] =
    loadConfig().database.kind === "postgres" ? ["pglite", "postgres"] : ["pglite"];
  const script = fileURLToPath(import.meta.url);
  console.warn(
    `catalog full-sync bench: sizes ${sizes.join(", ")}, ${repeat} run(s) each, ${backends.join(" + ")}`,
  );
  const rows: string[] = [];
  for (const backend of backends) {
    for (const size of sizes) {
      const results: BenchResult[] = [];
      for (let run = 0; run < repeat; run++) {
        const node = (...extra: string[]) =>
          spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", script, ...extra], {
            encoding: "utf8",
            maxBuffer: 1 << 20,
            stdio: ["ignore", "pipe", "inherit"],
          });
        const dataDir =
          backend === "pglite"
            ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-bench-")), "pglite")
            : undefined;
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
        const result = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as BenchResult;
        console.warn(`  ${backend} ${size}: ${JSON.stringify(result)}`);
        results.push(result);
      }
      rows.push(summarize(backend, size, results));
    }
  }
  process.stdout.write(
    `${[
      "| backend | products | products/s | calls | full sync s | resync (no change) s | peak RSS MB | baseline RSS MB | load avg |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n")}\n(medians of ${repeat} run(s); min–max in brackets)\n`,
  );
}

function summarize(backend: string, size: number, results: readonly BenchResult[]): string {
  const cell = (pick: (r: BenchResult) => number, digits = 1) => {
    const values = results.map(pick).sort((a, b) => a - b);
    const median = values[Math.floor(values.length / 2)] ?? Number.NaN;
    const range =
      values.length > 1
        ? ` (${values[0]?.toFixed(digits)}–${values[values.length - 1]?.toFixed(digits)})`
        : "";
    return `${median.toFixed(digits)}${range}`;
  };
  return `| ${backend} | ${size} | ${cell((r) => r.productsPerSecond, 0)} | ${cell((r) => r.calls, 0)} | ${cell((r) => r.seconds)} | ${cell((r) => r.resyncSeconds)} | ${cell((r) => r.peakRssMb, 0)} | ${cell((r) => r.baselineRssMb, 0)} | ${cell((r) => r.loadAverage)} |`;
}
