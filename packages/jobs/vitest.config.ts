import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "jobs",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // pg-boss workers poll the shared database; one file at a time keeps runs predictable.
    fileParallelism: false,
  },
});
