import { defineConfig } from "tsdown";

// The production bundle: workspace packages (TypeScript source) and plain-JS dependencies are
// inlined. PGlite stays external because it loads its WASM and data files from its own folder,
// so it is a direct dependency of this app (installed with `pnpm deploy --prod`).
export default defineConfig({
  entry: { main: "src/main.ts" },
  format: "esm",
  platform: "node",
  target: "node20.19",
  outDir: "dist",
  clean: true,
  dts: false,
  noExternal: [/^@comptoir\//],
  external: ["@electric-sql/pglite", "pg-native"],
  // The database package finds its migrations next to the bundle.
  copy: [{ from: "../../packages/db/migrations", to: "dist" }],
});
