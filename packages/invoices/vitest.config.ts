import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "invoices",
    include: ["test/**/*.test.ts"],
  },
});
