import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Invoice, Look } from "@comptoir/templates";
import { serializeInvoice } from "../snapshot.ts";
import type { RenderReply, RenderRequest } from "./protocol.ts";
import {
  MissingGlyphsError,
  type RenderedPdf,
  type RenderOptions,
  renderInvoicePdfHere,
} from "./render-here.ts";

export interface RenderPoolOptions {
  /** Worker threads; defaults to the machine's available parallelism. */
  readonly size?: number;
  /**
   * The worker module. Defaults to `worker.ts` beside this file (run through tsx) when running
   * from source, and to `render-worker.mjs` beside the bundle when bundled (an app's bundler
   * builds `worker.ts` as that second entry, see apps/cli/tsdown.config.ts).
   */
  readonly workerUrl?: URL;
}

export interface RenderPool {
  readonly size: number;
  /** Renders on the least busy worker; rejects with the worker's error. */
  render(invoice: Invoice, look: Look, options?: RenderOptions): Promise<RenderedPdf>;
  /** Stops every worker; pending renders are rejected. */
  close(): Promise<void>;
}

export class RenderFailedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name === "Error" ? "RenderFailedError" : name;
  }
}

interface Pending {
  readonly resolve: (rendered: RenderedPdf) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

/** Node flags that load tsx: a TypeScript worker registers tsx itself (see `startWorker`). */
function withoutTsx(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const next = args[i + 1] ?? "";
    if ((arg === "--import" || arg === "--require" || arg === "--loader") && next.includes("tsx"))
      i++;
    else if (!arg.includes("tsx")) kept.push(arg);
  }
  return kept;
}

/** tsx's ESM API module, whose `register()` installs its loader in the calling thread. */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("tsx/package.json");
  const exportsMap = JSON.parse(readFileSync(manifest, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = exportsMap.exports["./esm/api"]?.import.default ?? "./dist/esm/api/index.mjs";
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

// Node 20 does not apply `--import` loaders to a worker's own entry module, so a TypeScript
// worker starts from this script, which registers tsx in the worker thread first.
const TYPESCRIPT_BOOTSTRAP = `const { workerData } = require("node:worker_threads");
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`;

function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith(".ts")) return new Worker(url);
  return new Worker(TYPESCRIPT_BOOTSTRAP, {
    eval: true,
    execArgv: withoutTsx(process.execArgv),
    workerData: { tsx: tsxApiUrl(), entry: url.href },
  });
}

/** Where the worker module is: beside this source file, or beside the bundle this was built into. */
export function defaultWorkerUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./worker.ts", import.meta.url)
    : new URL("./render-worker.mjs", import.meta.url);
}

/**
 * Renders on the calling thread, for a bundle shipped without its worker: slower for servers
 * (layout blocks the event loop) but correct, and said once on stderr.
 */
function inProcessPool(missing: string): RenderPool {
  let warned = false;
  let closed = false;
  return {
    size: 0,
    render(invoice, look, options = {}) {
      if (closed)
        return Promise.reject(
          new RenderFailedError("RenderFailedError", "the render pool is closed"),
        );
      if (!warned) {
        warned = true;
        console.warn(
          `comptoir: the PDF render worker (${missing}) is missing; rendering invoices on the main thread`,
        );
      }
      return renderInvoicePdfHere(invoice, look, options);
    },
    async close() {
      closed = true;
    },
  };
}

/**
 * A pool of render workers (node:worker_threads), one per core by default. Layout is synchronous
 * CPU work; here it never blocks the caller's event loop, and each worker keeps its parsed fonts
 * across documents. Idle workers do not keep the process alive.
 */
export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const size = Math.max(1, options.size ?? availableParallelism());
  const url = options.workerUrl ?? defaultWorkerUrl();
  if (url.protocol === "file:" && !existsSync(fileURLToPath(url))) {
    return inProcessPool(fileURLToPath(url));
  }
  let nextId = 1;
  let closed = false;
  const slots: Slot[] = [];

  const failAll = (slot: Slot, error: Error) => {
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
    slot.worker.unref();
  };

  const spawn = (): Slot => {
    const worker = startWorker(url);
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    worker.on("message", (reply: RenderReply) => {
      const pending = slot.pending.get(reply.id);
      if (!pending) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if (reply.ok)
        pending.resolve({ pdf: reply.pdf, xml: reply.xml, missingGlyphs: reply.missingGlyphs });
      else if (reply.error.missingGlyphs)
        pending.reject(new MissingGlyphsError(reply.error.missingGlyphs));
      else pending.reject(new RenderFailedError(reply.error.name, reply.error.message));
    });
    worker.on("error", (error) => failAll(slot, error));
    worker.on("exit", (code) => {
      failAll(
        slot,
        new RenderFailedError("RenderFailedError", `render worker exited with code ${code}`),
      );
      const index = slots.indexOf(slot);
      if (index >= 0 && !closed) slots[index] = spawn();
    });
    return slot;
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    render(invoice, look, renderOptions = {}) {
      if (closed)
        return Promise.reject(
          new RenderFailedError("RenderFailedError", "the render pool is closed"),
        );
      const slot = slots.reduce((best, candidate) =>
        candidate.pending.size < best.pending.size ? candidate : best,
      );
      const id = nextId++;
      const request: RenderRequest = {
        id,
        snapshot: serializeInvoice(invoice),
        look,
        options: renderOptions,
      };
      return new Promise<RenderedPdf>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        // Busy workers keep the process alive until their answers arrive.
        slot.worker.ref();
        slot.worker.postMessage(request);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
