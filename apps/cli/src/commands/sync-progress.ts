import type { SyncProgress } from "@comptoir/catalog";
import cliProgress from "cli-progress";

export interface ProgressBar {
  update(progress: SyncProgress): void;
  stop(): void;
}

const LABELS: Record<SyncProgress["phase"], string> = {
  products: "products",
  reference: "reference lists",
  stock: "stock",
  details: "product details",
};

/**
 * A progress bar for a sync on `stream`, or a no-op off a terminal (pipes, cron, CI, --json):
 * progress never mixes with results, and logs stay clean where nobody watches.
 */
export function syncProgressBar(
  stream: NodeJS.WriteStream,
  enabled: boolean,
  unit: "pages" | "products",
): ProgressBar {
  if (!enabled || !stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{phase} |{bar}| {value}/{total} {unit} · {products} products · {duration_formatted}",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      const payload = {
        phase: LABELS[progress.phase].padEnd(15),
        products: progress.products,
        unit: progress.phase === "products" ? unit : "",
      };
      const total = progress.total ?? Math.max(progress.done, 1);
      if (!started) {
        bar.start(total, progress.done, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(progress.done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
