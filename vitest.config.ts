import { defineConfig } from "vitest/config";

// For editors and whole-repo runs (`pnpm exec vitest`). CI and `pnpm test` go through turbo,
// which runs each package's own `vitest run` and caches the results.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
