import { defineConfig } from "tsdown";

// The production bundle: workspace packages (TypeScript source) and plain-JS dependencies are
// inlined. PGlite stays external because it loads its WASM and data files from its own folder,
// so it is a direct dependency of this app (installed with `pnpm deploy --prod`).
export default defineConfig({
  // The invoice PDF worker is a second entry: worker threads load it as a file beside the bundle.
  entry: { main: "src/main.ts", "render-worker": "../../packages/invoices/src/pdf/worker.ts" },
  format: "esm",
  platform: "node",
  target: "node20.19",
  outDir: "dist",
  clean: true,
  dts: false,
  deps: {
    alwaysBundle: [/^@comptoir\//],
    // pdfmake, fontkit and the DejaVu fonts are loaded with require() from their own folders (font
    // files, pdfkit's data) at run time, so they stay external too (direct dependencies of this app).
    neverBundle: ["@electric-sql/pglite", "pg-native", "pdfmake", "fontkit", "dejavu-fonts-ttf"],
  },
  // The database package finds its migrations next to the bundle.
  copy: [{ from: "../../packages/db/migrations", to: "dist" }],
});
