/**
 * Feed generation benchmark: `pnpm --filter @comptoir/feeds bench [--quick] [--million]`.
 * Every configuration runs in a fresh process (peak RSS is per process), 3 times; the table
 * shows medians. Baselines write the same rows with hand-written serializers (no item model,
 * no validation, no library) or JSON.stringify, through the same gzip settings.
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { type Measurement, measure, type Scenario } from "./scenarios.ts";

const args = process.argv.slice(2);

if (args[0] === "--child") {
  const scenario = JSON.parse(args[1] ?? "{}") as Scenario;
  const result = await measure(scenario);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const quick = args.includes("--quick");
const million = args.includes("--million");
const RUNS = quick ? 1 : 3;
const big = quick ? 20_000 : 100_000;

const scenarios: Scenario[] = [
  {
    name: "google xml gz  10k products",
    kind: "pipeline",
    profile: "google-products-xml",
    products: 10_000,
    gzip: true,
  },
  {
    name: `google xml gz  ${big / 1000}k`,
    kind: "pipeline",
    profile: "google-products-xml",
    products: big,
    gzip: true,
  },
  {
    name: `  baseline template gz`,
    kind: "template-baseline",
    profile: "google-products-xml",
    products: big,
    gzip: true,
  },
  {
    name: `  baseline e2e template gz`,
    kind: "e2e-template-baseline",
    profile: "google-products-xml",
    products: big,
    gzip: true,
  },
  {
    name: `  baseline JSON gz`,
    kind: "json-baseline",
    profile: "google-products-xml",
    products: big,
    gzip: true,
  },
  {
    name: `google xml     ${big / 1000}k`,
    kind: "pipeline",
    profile: "google-products-xml",
    products: big,
    gzip: false,
  },
  {
    name: `  xml, no XML check`,
    kind: "pipeline",
    profile: "google-products-xml",
    products: big,
    gzip: false,
    xmlCheck: "off",
  },
  {
    name: `  xml, full XML check`,
    kind: "pipeline",
    profile: "google-products-xml",
    products: big,
    gzip: false,
    xmlCheck: "full",
  },
  {
    name: `  xml, XMLBuilder encoder`,
    kind: "pipeline",
    profile: "google-products-xml",
    products: big,
    gzip: false,
    encoder: "builder",
  },
  {
    name: `  baseline template`,
    kind: "template-baseline",
    profile: "google-products-xml",
    products: big,
    gzip: false,
  },
  {
    name: `  baseline e2e template`,
    kind: "e2e-template-baseline",
    profile: "google-products-xml",
    products: big,
    gzip: false,
  },
  {
    name: `meta csv gz    ${big / 1000}k`,
    kind: "pipeline",
    profile: "meta-csv",
    products: big,
    gzip: true,
  },
  {
    name: `  baseline hand CSV gz`,
    kind: "template-baseline",
    profile: "meta-csv",
    products: big,
    gzip: true,
  },
  {
    name: `meta csv       ${big / 1000}k`,
    kind: "pipeline",
    profile: "meta-csv",
    products: big,
    gzip: false,
  },
  {
    name: `  baseline hand CSV`,
    kind: "template-baseline",
    profile: "meta-csv",
    products: big,
    gzip: false,
  },
  {
    name: `  baseline e2e hand CSV`,
    kind: "e2e-template-baseline",
    profile: "meta-csv",
    products: big,
    gzip: false,
  },
  {
    name: `  baseline JSON`,
    kind: "json-baseline",
    profile: "meta-csv",
    products: big,
    gzip: false,
  },
  {
    name: `local inv gz   ${big / 1000}k`,
    kind: "pipeline",
    profile: "google-local-inventory",
    products: big,
    gzip: true,
  },
  {
    name: `  baseline hand TSV gz`,
    kind: "template-baseline",
    profile: "google-local-inventory",
    products: big,
    gzip: true,
  },
  {
    name: `local inv      ${big / 1000}k`,
    kind: "pipeline",
    profile: "google-local-inventory",
    products: big,
    gzip: false,
  },
  {
    name: `  baseline hand TSV`,
    kind: "template-baseline",
    profile: "google-local-inventory",
    products: big,
    gzip: false,
  },
  {
    name: "sim+api xml gz 10k",
    kind: "pipeline",
    profile: "google-products-xml",
    products: 10_000,
    gzip: true,
    source: "simulator",
  },
  {
    name: "sim+api csv gz 10k",
    kind: "pipeline",
    profile: "meta-csv",
    products: 10_000,
    gzip: true,
    source: "simulator",
  },
];
if (million) {
  scenarios.push({
    name: "google xml gz  1M products",
    kind: "pipeline",
    profile: "google-products-xml",
    products: 1_000_000,
    gzip: true,
  });
}

const here = fileURLToPath(import.meta.url);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

console.warn(
  `Feed generation benchmark, ${RUNS} run(s) per line, medians; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.warn(
  `${"configuration".padEnd(30)} ${"rows".padStart(9)} ${"seconds".padStart(8)} ${"rows/s".padStart(9)} ${"cpu s".padStart(7)} ${"MB out".padStart(8)} ${"peak RSS MB".padStart(12)}`,
);
const results: { scenario: Scenario; rowsPerSecond: number; rowsPerCpuSecond: number }[] = [];
for (const scenario of scenarios) {
  const runs: Measurement[] = [];
  const repeat = scenario.products >= 1_000_000 ? 1 : RUNS;
  for (let i = 0; i < repeat; i++) {
    const output = execFileSync(
      process.execPath,
      ["--import", "tsx", here, "--child", JSON.stringify(scenario)],
      {
        encoding: "utf8",
        maxBuffer: 1024 * 1024,
      },
    );
    runs.push(JSON.parse(output) as Measurement);
  }
  const seconds = median(runs.map((r) => r.seconds));
  const cpuSeconds = median(runs.map((r) => r.cpuSeconds));
  const rows = runs[0]?.rows ?? 0;
  results.push({ scenario, rowsPerSecond: rows / seconds, rowsPerCpuSecond: rows / cpuSeconds });
  const rate = Math.round(rows / seconds).toLocaleString("en-US");
  const megabytes = (median(runs.map((r) => r.bytes)) / 1e6).toFixed(1);
  const peakRss = median(runs.map((r) => r.peakRssMb)).toFixed(0);
  console.warn(
    [
      scenario.name.padEnd(30),
      String(rows).padStart(9),
      seconds.toFixed(2).padStart(8),
      rate.padStart(9),
      cpuSeconds.toFixed(2).padStart(7),
      megabytes.padStart(8),
      peakRss.padStart(12),
    ].join(" "),
  );
}
// Same-run ratios: each pipeline line against the baselines of its channel and gzip setting, by
// wall time and by CPU time (the latter moves less when the machine is shared). The serializer
// baseline only writes pre-rendered rows; the end-to-end one also builds and checks every item.
for (const [kind, title] of [
  ["template-baseline", "serializer baseline (pre-rendered rows)"],
  ["e2e-template-baseline", "end-to-end template baseline (same items, plain code)"],
] as const) {
  console.warn(`\npipeline vs ${title}, same run (1.00 = as fast; target <= 1.50)`);
  for (const { scenario, rowsPerSecond, rowsPerCpuSecond } of results) {
    if (scenario.kind !== "pipeline" || scenario.source === "simulator") continue;
    const baseline = results.find(
      (r) =>
        r.scenario.kind === kind &&
        r.scenario.profile === scenario.profile &&
        r.scenario.gzip === scenario.gzip &&
        r.scenario.products === scenario.products,
    );
    if (!baseline) continue;
    console.warn(
      `${scenario.name.padEnd(30)} ${(baseline.rowsPerSecond / rowsPerSecond).toFixed(2).padStart(6)}x wall ${(
        baseline.rowsPerCpuSecond / rowsPerCpuSecond
      )
        .toFixed(2)
        .padStart(6)}x cpu`,
    );
  }
}
console.warn(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
