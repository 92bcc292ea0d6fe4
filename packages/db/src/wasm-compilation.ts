import { setV8FlagUnlessGiven } from "@comptoir/config/runtime";

let limited = false;

/**
 * Runs V8's compilation of WebAssembly on one background task instead of up to 128. PGlite's
 * engine is ~9 MB of WebAssembly that V8 compiles lazily, a function as it is first called, and
 * again optimized once hot; spread over Node's worker threads, each compiling thread keeps a
 * malloc arena of compiler memory that is not given back: ~45 MB resident for the life of the
 * process. With one task, opening an existing data directory takes the same ~0.3–0.45 s and the
 * 100,000-product sync the same time (catalog bench), ~45 MB lower. The flag is read when
 * compilation work is scheduled, so it is set just before the first PGlite starts; a process
 * started with `--wasm-num-compilation-tasks` keeps its own.
 */
export function limitWasmCompilationTasks(): void {
  if (limited) return;
  limited = true;
  setV8FlagUnlessGiven("--wasm-num-compilation-tasks=1");
}
