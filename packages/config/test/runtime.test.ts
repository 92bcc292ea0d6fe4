import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const fixture = fileURLToPath(new URL("./fixtures/heap-churn.ts", import.meta.url));

/** Peak heap (MB) of a process that promotes ~600 MB of short-lived buffers over a 64 MB live set. */
function peakHeapMb(args: string[] = [], nodeFlags: string[] = []): number {
  const output = execFileSync(
    process.execPath,
    [...nodeFlags, "--import", "tsx", fixture, ...args],
    {
      encoding: "utf8",
    },
  );
  return (JSON.parse(output) as { peakHeapMb: number }).peakHeapMb;
}

describe("applyRuntimeProfile", () => {
  it("keeps the heap near its live set while promoted garbage streams through", () => {
    const unbounded = peakHeapMb();
    const profiled = peakHeapMb(["profile"]);
    // V8's default lets the old generation reach ~4× the live set (~350–375 MB here); the
    // profile caps growth at 1.3× (~155–170 MB including the young generation).
    expect(profiled).toBeLessThan(unbounded * 0.7);
  });
});

describe("setV8FlagUnlessGiven", () => {
  it("leaves a flag the process was started with to the operator", () => {
    // Started with V8's default growth: the profile must not override it.
    const explicit = peakHeapMb(["profile"], ["--heap_growing_percent=0"]);
    const profiled = peakHeapMb(["profile"]);
    expect(profiled).toBeLessThan(explicit * 0.7);
  });
});
