import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema (`pnpm db:generate`) and committed; they are applied
// by `openDatabase(...).migrate()` on start in embedded mode and by `comptoir db migrate`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
