/**
 * Feed serving benchmark (`pnpm bench` in apps/server): conditional 304s per second and full
 * downloads of a 50 MB gzipped feed, Hono (the real feed route) against nginx from Debian
 * serving the same file, in the same run, on 127.0.0.1: 304s with wrk (Debian's package; autocannon
 * when wrk is not installed, or with --autocannon), full downloads with curl.
 *
 *   pnpm bench [-- --duration 10 --runs 3]
 *
 * nginx is optional: without it (apt-get install nginx-light) its column says so. Each server is
 * a child process stopped by its own pid; nginx runs in the foreground with a generated config
 * on a free port (no daemon, no system service). Figures are medians of the runs, each after a
 * warm-up; the load generator shares the machine's cores with the servers.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import { createLocalFsStore } from "@comptoir/storage";
import autocannon from "autocannon";

const { values: args } = parseArgs({
  // `pnpm bench -- --runs 5` passes the "--" along.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    duration: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    "size-mb": { type: "string", default: "50" },
    /** 304s with autocannon even when wrk is installed. */
    autocannon: { type: "boolean", default: false },
    /** Measure Hono alone, as if nginx were not installed. */
    "no-nginx": { type: "boolean", default: false },
  },
});
const DURATION = Number(args.duration);
const RUNS = Number(args.runs);
const TARGET_BYTES = Number(args["size-mb"]) * 1_000_000;
const MiB = 1024 * 1024;
const here = dirname(fileURLToPath(import.meta.url));

interface Server {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
}

interface Run {
  readonly rps: number;
  readonly mibps: number;
  readonly p50: number;
  readonly p99: number;
  readonly bad: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** A gzipped feed-like file of about TARGET_BYTES: XML items with random ids (barely compressible). */
async function makeFeed(): Promise<Readable> {
  const gzip = createGzip({ level: 6 });
  const chunks: Buffer[] = [];
  let written = 0;
  gzip.on("data", (chunk: Buffer) => {
    written += chunk.length;
    chunks.push(chunk);
  });
  const write = async (text: string) => {
    if (!gzip.write(text)) await new Promise((resolve) => gzip.once("drain", resolve));
  };
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<rss><channel>\n');
  while (written < TARGET_BYTES) {
    let batch = "";
    for (let i = 0; i < 200; i++) {
      const id = randomBytes(48).toString("base64");
      const title = randomBytes(96).toString("base64");
      batch += `<item><g:id>${id}</g:id><title>${title}</title></item>\n`;
    }
    await write(batch);
  }
  await write("</channel></rss>\n");
  await new Promise<void>((resolve) => gzip.end(resolve));
  return Readable.from(chunks);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

function nginxBinary(): string | null {
  for (const candidate of ["/usr/sbin/nginx", "/usr/bin/nginx"]) {
    try {
      execFileSync(candidate, ["-v"], { stdio: "ignore" });
      return candidate;
    } catch {}
  }
  return null;
}

async function waitForUrl(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url, { method: "HEAD" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nothing answers at ${url}`);
}

async function startHono(root: string, key: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(here, "feed-server.ts"), root, key],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`feed-server exited with ${code}`)));
    child.stdout?.once("data", (line: Buffer) => resolve(JSON.parse(line.toString()).url));
  });
  return { name: "Hono (feed route)", url: `${url}/feeds/bench/google.xml.gz`, child };
}

async function startNginx(binary: string, root: string, key: string, dir: string): Promise<Server> {
  const port = await freePort();
  const prefix = join(dir, "nginx");
  execFileSync("mkdir", ["-p", join(prefix, "logs"), join(prefix, "tmp")]);
  const conf = join(prefix, "nginx.conf");
  // As in perf-baselines.md: one worker, sendfile, no access log, built-in ETag handling.
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${prefix}/tmp; proxy_temp_path ${prefix}/tmp;
  fastcgi_temp_path ${prefix}/tmp; uwsgi_temp_path ${prefix}/tmp; scgi_temp_path ${prefix}/tmp;
  types { application/gzip gz; }
  server {
    listen 127.0.0.1:${port};
    location = /feeds/bench/google.xml.gz { alias ${join(root, key)}; }
  }
}
`,
  );
  const child = spawn(binary, ["-p", prefix, "-c", conf], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}/feeds/bench/google.xml.gz`;
  await waitForUrl(url);
  return { name: "nginx 1 worker (sendfile)", url, child };
}

function wrkBinary(): string | null {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return "wrk";
  } catch (error) {
    // wrk --version prints its version and exits 1.
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? null : "wrk";
  }
}
const WRK = args.autocannon ? null : wrkBinary();
const LOAD_GENERATOR = WRK ? "wrk (1 thread)" : "autocannon";

/** wrk's latency figures ("1.23ms", "850.00us", "1.02s") in milliseconds. */
function wrkMs(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text ?? "");
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
}

/**
 * Conditional requests with wrk when installed (C, one thread: it leaves more of the 2 cores to
 * the servers than autocannon, whose JavaScript client needs a core of its own), else autocannon.
 */
async function load304(url: string, seconds: number, etag: string): Promise<Run> {
  if (WRK) {
    const out = execFileSync(
      WRK,
      ["-t1", "-c32", `-d${seconds}s`, "--latency", "-H", `If-None-Match: ${etag}`, url],
      { encoding: "utf8" },
    );
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
    const transfer = /Transfer\/sec:\s+([\d.]+)(KB|MB|GB|B)/.exec(out);
    const unit = { B: 1, KB: 1024, MB: MiB, GB: 1024 * MiB }[transfer?.[2] ?? "B"] ?? 1;
    const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    return {
      rps,
      mibps: (Number(transfer?.[1] ?? 0) * unit) / MiB,
      p50: wrkMs(/50%\s+(\S+)/.exec(out)?.[1]),
      p99: wrkMs(/99%\s+(\S+)/.exec(out)?.[1]),
      bad:
        Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) +
        (errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0),
    };
  }
  const result = await autocannon({
    url,
    connections: 32,
    duration: seconds,
    headers: { "If-None-Match": etag },
  });
  const notModified = result.statusCodeStats?.["304"]?.count ?? 0;
  return {
    rps: result.requests.average,
    mibps: result.throughput.average / MiB,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.requests.total - notModified + result.errors + result.timeouts,
  };
}

/**
 * Full downloads with `curl` (one keep-alive connection per process, the file to /dev/null),
 * because autocannon parses bodies in JavaScript and tops out far below either server with
 * 50 MB bodies. Throughput per connection is bytes of completed downloads over the time they
 * took (curl's own size_download and time_total); connections add up. The processes are
 * stopped at the deadline, by pid.
 */
async function loadFull(url: string, seconds: number, dir: string): Promise<Run> {
  const config = join(dir, "curl.cfg");
  writeFileSync(config, `url = "${url}"\noutput = "/dev/null"\n`.repeat(2000));
  const connections = Array.from({ length: 4 }, () => {
    const child = spawn(
      "curl",
      // %{stderr}: unbuffered, so nothing is lost when the process is stopped.
      ["-s", "-K", config, "-w", "%{stderr}%{http_code} %{size_download} %{time_total}\\n"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let out = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    return { child, exited, output: () => out };
  });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  for (const c of connections) c.child.kill("SIGTERM");
  await Promise.all(connections.map((c) => c.exited));
  let mibps = 0;
  let downloads = 0;
  let bad = 0;
  const latencies: number[] = [];
  for (const c of connections) {
    let bytes = 0;
    let time = 0;
    for (const line of c.output().trim().split("\n")) {
      const [code, size, total] = line.split(" ");
      if (code === undefined || size === undefined || total === undefined) continue;
      if (code !== "200") bad += 1;
      bytes += Number(size);
      time += Number(total);
      latencies.push(Number(total) * 1000);
      downloads += 1;
    }
    if (time > 0) mibps += bytes / time / MiB;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.floor((latencies.length - 1) * p)] ?? 0);
  return { rps: downloads / seconds, mibps, p50: pct(0.5), p99: pct(0.99), bad };
}

function peakRssMb(pid: number | undefined): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return (kb / 1024).toFixed(0);
  } catch {
    return "?";
  }
}

async function check(server: Server, expected: { sha256: string; size: number }) {
  const response = await fetch(server.url);
  const body = Buffer.from(await response.arrayBuffer());
  const sha = createHash("sha256").update(body).digest("hex");
  if (response.status !== 200 || body.length !== expected.size || sha !== expected.sha256) {
    throw new Error(`${server.name}: got ${response.status}, ${body.length} bytes, sha ${sha}`);
  }
  const etag = response.headers.get("etag");
  if (!etag) throw new Error(`${server.name} sends no ETag`);
  const conditional = await fetch(server.url, { headers: { "If-None-Match": etag } });
  if (conditional.status !== 304)
    throw new Error(`${server.name}: If-None-Match gave ${conditional.status}`);
  return etag;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "comptoir-bench-feeds-"));
  // nginx's worker drops root privileges and must be able to read the file.
  chmodSync(dir, 0o755);
  const servers: Server[] = [];
  try {
    const root = join(dir, "blobs");
    const key = "feeds/bench/g1.xml.gz";
    const loadBefore = loadavg()[0] ?? 0;
    const started = performance.now();
    const info = await createLocalFsStore({ root }).put(key, await makeFeed(), {
      contentType: "application/xml; charset=utf-8",
      contentEncoding: "gzip",
    });
    console.warn(
      `feed: ${info.size.toLocaleString("en")} bytes gzip, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    servers.push(await startHono(root, key));
    const binary = args["no-nginx"] ? null : nginxBinary();
    if (binary) servers.push(await startNginx(binary, root, key, dir));
    else if (args["no-nginx"]) console.warn("nginx: skipped (--no-nginx)");
    else console.warn("nginx: not installed (apt-get install nginx-light); its column is skipped");

    const etags = new Map<Server, string>();
    for (const server of servers) {
      etags.set(server, await check(server, { sha256: info.sha256 ?? "", size: info.size }));
    }

    const results = new Map<string, Run[]>();
    const scenarios = [
      {
        id: "304",
        run: (s: Server, seconds: number) => load304(s.url, seconds, etags.get(s) ?? ""),
      },
      { id: "full", run: (s: Server, seconds: number) => loadFull(s.url, seconds, dir) },
    ];
    for (const scenario of scenarios) {
      for (const server of servers) await scenario.run(server, 3); // warm-up
      for (let run = 0; run < RUNS; run++) {
        // Interleaved, so drift on this shared machine hits both servers alike.
        for (const server of servers) {
          const key = `${scenario.id}:${server.name}`;
          const result = await scenario.run(server, DURATION);
          results.set(key, [...(results.get(key) ?? []), result]);
          console.warn(
            `  ${scenario.id.padEnd(4)} ${server.name.padEnd(26)} run ${run + 1}: ${result.rps.toFixed(0)} req/s, ${result.mibps.toFixed(0)} MiB/s${result.bad ? `, ${result.bad} bad` : ""}`,
          );
        }
      }
    }

    const summary = (id: string, server: Server) => {
      const runs = results.get(`${id}:${server.name}`) ?? [];
      return {
        rps: median(runs.map((r) => r.rps)),
        rpsMin: Math.min(...runs.map((r) => r.rps)),
        rpsMax: Math.max(...runs.map((r) => r.rps)),
        mibps: median(runs.map((r) => r.mibps)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        bad: runs.reduce((sum, r) => sum + r.bad, 0),
      };
    };
    const [hono, nginx] = servers as [Server, Server | undefined];
    const h304 = summary("304", hono);
    const hFull = summary("full", hono);
    const n304 = nginx ? summary("304", nginx) : null;
    const nFull = nginx ? summary("full", nginx) : null;
    const fmt = (n: number) => Math.round(n).toLocaleString("en");
    const lines = [
      "",
      `Feed serving, ${(info.size / 1e6).toFixed(1)} MB gzip feed, 127.0.0.1, 304s with ${LOAD_GENERATOR}, downloads with curl, median of ${RUNS} × ${DURATION} s`,
      "",
      "| server | 304 req/s median (min–max) | 304 p50 / p99 ms | full downloads, 4 conn: MiB/s (req/s) | peak RSS MB |",
      "|---|---|---|---|---|",
      `| ${hono.name} | ${fmt(h304.rps)} (${fmt(h304.rpsMin)}–${fmt(h304.rpsMax)}) | ${h304.p50} / ${h304.p99} | ${fmt(hFull.mibps)} (${hFull.rps.toFixed(1)}) | ${peakRssMb(hono.child.pid)} |`,
      nginx && n304 && nFull
        ? `| ${nginx.name} | ${fmt(n304.rps)} (${fmt(n304.rpsMin)}–${fmt(n304.rpsMax)}) | ${n304.p50} / ${n304.p99} | ${fmt(nFull.mibps)} (${nFull.rps.toFixed(1)}) | ${peakRssMb(nginx.child.pid)} |`
        : `| nginx | skipped: ${args["no-nginx"] ? "--no-nginx" : "not installed (apt-get install nginx-light)"} | | | |`,
      `Load average (1 min) ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after, on ${cpus().length} CPUs: above the CPU count, other work shared the machine.`,
      "",
      `Hono 304: ${fmt(h304.rps)} req/s (target ≥ 10,000${n304 ? `; nginx / Hono = ${(n304.rps / h304.rps).toFixed(2)}×, target ≤ 2×` : ""})`,
      `Hono full downloads: ${fmt(hFull.mibps)} MiB/s (target ≥ 600${nFull ? `; nginx / Hono = ${(nFull.mibps / hFull.mibps).toFixed(2)}×` : ""})`,
      h304.bad + hFull.bad + (n304?.bad ?? 0) + (nFull?.bad ?? 0) > 0
        ? "WARNING: some responses had an unexpected status or failed; see the runs above."
        : "All responses had the expected status.",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    for (const server of servers) server.child.kill("SIGTERM");
    await Promise.all(
      servers.map((s) =>
        s.child.exitCode === null ? new Promise((r) => s.child.once("exit", r)) : null,
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
