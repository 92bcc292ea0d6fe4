import path from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds bench/child.ts the way the CLI is built for production (tsdown: workspace packages
 * inlined, PGlite external, migrations copied beside the bundle) and returns the file to run.
 * Measuring the bundle keeps tsx's in-process transpiler, its module cache and source maps
 * (~60–90 MB resident) out of the figures: `comptoir sync` never runs with them.
 */
export async function buildBenchChild(): Promise<string> {
  const { build } = await import("tsdown");
  const outDir = path.join(packageDir, ".bench-dist");
  await build({
    config: false,
    cwd: packageDir,
    entry: { child: "bench/child.ts" },
    format: "esm",
    platform: "node",
    target: "node20.19",
    outDir,
    clean: true,
    dts: false,
    logLevel: "warn",
    deps: { alwaysBundle: [/^@comptoir\//], neverBundle: ["@electric-sql/pglite", "pg-native"] },
    copy: [{ from: "../db/migrations", to: outDir }],
  });
  return path.join(outDir, "child.mjs");
}
