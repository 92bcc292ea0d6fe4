import v8 from "node:v8";
import { readEnvironment } from "./env.ts";

/**
 * V8 settings every Comptoir process runs with (the CLI and the services it starts, and the
 * benchmark children that stand for them), applied from the entry point before the work starts
 * through `v8.setFlagsFromString`: V8 reads each when it is used, not only at start-up.
 *
 * `--heap-growing-percent=30`: after a full collection V8 lets the old generation grow to up to
 * 4× what survived before collecting again. Comptoir's long jobs (sync, feed generation) hold a
 * small live set (~30 MB) and promote page-sized buffers that live across awaits, so that
 * headroom fills with garbage: a 100,000-product sync peaked at ~150 MB of heap for ~30 MB
 * live. At 1.3× the heap stays within ~60 MB of the live set; the full collections this adds
 * take a few milliseconds each on such a heap, and the sync benchmark measured no slowdown.
 */
export const RUNTIME_V8_FLAGS: readonly string[] = ["--heap-growing-percent=30"];

let applied = false;

/** Applies RUNTIME_V8_FLAGS once per process (later calls do nothing). */
export function applyRuntimeProfile(): void {
  if (applied) return;
  applied = true;
  for (const flag of RUNTIME_V8_FLAGS) setV8FlagUnlessGiven(flag);
}

/**
 * Sets a V8 flag (`--name=value`) unless the process was started with that flag, on its command
 * line or in NODE_OPTIONS: an operator's explicit choice wins (`node --heap-growing-percent=0`
 * restores V8's default). Returns whether it was set.
 */
export function setV8FlagUnlessGiven(flag: string): boolean {
  const name = flagName(flag);
  const nodeOptions = readEnvironment().NODE_OPTIONS ?? "";
  const given = [...process.execArgv, ...nodeOptions.split(/\s+/)];
  if (given.some((arg) => arg.startsWith("--") && flagName(arg) === name)) return false;
  v8.setFlagsFromString(flag);
  return true;
}

/** `--heap_growing_percent=30` and `--heap-growing-percent` both name heap-growing-percent. */
function flagName(flag: string): string {
  return (flag.slice(2).split("=")[0] ?? "").replaceAll("_", "-");
}
