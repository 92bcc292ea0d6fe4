export interface Summary {
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), min: sorted[0] ?? Number.NaN, runs: sorted.length };
}

/** Warm-up runs, then timed runs of `task`, in milliseconds. */
export async function time(
  task: () => Promise<unknown>,
  warmUp: number,
  runs: number,
): Promise<Summary> {
  for (let i = 0; i < warmUp; i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
