/**
 * Streams N products from an in-process simulator through the client and prints throughput,
 * calls used and peak RSS, at 10,000 and 100,000 products by default. Each size runs in its own
 * process so the peaks are comparable: they must stay flat, because the client holds one page
 * (250 rows) at a time whatever the catalog size.
 *
 *   pnpm --filter @comptoir/api-client bench [-- 10000 100000]
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { createHiboutikClient } from "../src/index.ts";

interface Result {
  readonly size: number;
  readonly products: number;
  readonly invalid: number;
  readonly seconds: number;
  /** The same pages fetched and JSON-parsed without the client: the simulator's own cost. */
  readonly rawSeconds: number | null;
  readonly calls: number;
  readonly simulatorRequests: number;
  readonly baselineRssMb: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  /** JS heap after a full GC at the end minus the same before the read: what the read retained. */
  readonly retainedHeapMb: number;
}

const MB = 1024 * 1024;
const SEED = 20_250_314;

function newSimulator(size: number) {
  return createSimulator({ seed: SEED, products: size, monthlyQuota: 1_000_000 });
}

async function rawPass(size: number): Promise<number> {
  const sim = newSimulator(size);
  const authorization = `Basic ${Buffer.from(`${sim.credentials.user}:${sim.credentials.apiKey}`).toString("base64")}`;
  const started = performance.now();
  for (let page = 1; page <= Math.ceil(size / 250); page++) {
    const response = await sim.fetch(`${sim.baseUrl}/products/?p=${page}`, {
      headers: { authorization, accept: "application/json" },
    });
    JSON.parse(await response.text());
  }
  return (performance.now() - started) / 1000;
}

interface Target {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly user: string;
  readonly apiKey: string;
  readonly requests: () => number;
}

function inProcessTarget(size: number): Target {
  const sim = newSimulator(size);
  return {
    baseUrl: sim.baseUrl,
    fetch: sim.fetch,
    ...sim.credentials,
    requests: () => sim.requests.total,
  };
}

/** The simulator in another process, over loopback HTTP: this process then holds only the client. */
async function remoteTarget(size: number): Promise<Target & { stop(): void }> {
  const script = fileURLToPath(new URL("./sim-server.ts", import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script, String(size), String(SEED)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  const { apiUrl, user, apiKey } = JSON.parse(line) as {
    apiUrl: string;
    user: string;
    apiKey: string;
  };
  let calls = 0;
  return {
    baseUrl: apiUrl,
    fetch: (input, init) => {
      calls += 1;
      return fetch(input, init);
    },
    user,
    apiKey,
    requests: () => calls,
    stop: () => child.kill(),
  };
}

async function clientPass(target: Target): Promise<Omit<Result, "rawSeconds" | "size">> {
  const client = createHiboutikClient({
    account: "bench",
    baseUrl: target.baseUrl,
    fetch: target.fetch,
    auth: { type: "basic", user: target.user, apiKey: target.apiKey },
    monthlyQuota: 1_000_000,
  });
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = baseline;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  // Parsing is synchronous between pages, so sample on a timer and after every page.
  const timer = setInterval(sample, 10);
  let products = 0;
  let invalid = 0;
  const started = performance.now();
  try {
    for await (const page of client.products.list().pages()) {
      for (const record of page.records) {
        if (record.ok) products += 1;
        else invalid += 1;
      }
      sample();
    }
  } finally {
    clearInterval(timer);
  }
  globalThis.gc?.();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  return {
    products,
    invalid,
    seconds: (performance.now() - started) / 1000,
    calls: client.meter.calls,
    simulatorRequests: target.requests(),
    baselineRssMb: baseline / MB,
    peakRssMb: peak / MB,
    peakHeapMb: peakHeap / MB,
    retainedHeapMb: retained / MB,
  };
}

function print(result: Result): void {
  const rate = Math.round(result.products / result.seconds);
  const n = (value: number) => value.toLocaleString("en-US");
  const clientShare = Math.max(0, result.seconds - (result.rawSeconds ?? 0));
  const clientRate =
    clientShare > 0 ? Math.round(result.products / clientShare) : Number.POSITIVE_INFINITY;
  const split =
    result.rawSeconds === null
      ? "over HTTP"
      : `simulator alone ${result.rawSeconds.toFixed(2)} s; client parsing ≈ ${n(clientRate)} products/s`;
  process.stdout.write(
    `${n(result.size)} products: ${n(result.products)} parsed (${result.invalid} invalid) in ` +
      `${result.seconds.toFixed(2)} s = ${n(rate)} products/s end to end ` +
      `(${split}); ` +
      `${result.calls} calls (simulator counted ${result.simulatorRequests}); ` +
      `RSS ${result.baselineRssMb.toFixed(0)} MB at start, peak ${result.peakRssMb.toFixed(0)} MB ` +
      `(peak JS heap ${result.peakHeapMb.toFixed(0)} MB, retained after GC ${result.retainedHeapMb.toFixed(1)} MB)\n`,
  );
}

const childIndex = process.argv.indexOf("--child");
if (childIndex >= 0) {
  const size = Number(process.argv[childIndex + 1]);
  if (process.argv.includes("--remote")) {
    const target = await remoteTarget(size);
    try {
      const measured = await clientPass(target);
      process.stdout.write(`${JSON.stringify({ size, rawSeconds: null, ...measured })}\n`);
    } finally {
      target.stop();
    }
  } else {
    const measured = await clientPass(inProcessTarget(size));
    const rawSeconds = await rawPass(size);
    process.stdout.write(`${JSON.stringify({ size, rawSeconds, ...measured })}\n`);
  }
} else {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((size) => Number.isInteger(size) && size > 0);
  for (const mode of ["in-process", "remote"] as const) {
    process.stdout.write(
      mode === "in-process"
        ? "Simulator in the same process (its catalog counts in the RSS):\n"
        : "Simulator in another process over loopback HTTP (the RSS is the client's alone):\n",
    );
    for (const size of sizes.length > 0 ? sizes : [10_000, 100_000]) {
      const child = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          "--expose-gc",
          fileURLToPath(import.meta.url),
          "--child",
          String(size),
          ...(mode === "remote" ? ["--remote"] : []),
        ],
        { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
      );
      if (child.status !== 0) {
        process.stderr.write(`bench for ${size} products failed (exit ${child.status})\n`);
        process.exitCode = 1;
        continue;
      }
      const line = child.stdout.trim().split("\n").at(-1) ?? "{}";
      print(JSON.parse(line) as Result);
    }
  }
}
