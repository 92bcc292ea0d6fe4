import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "feeds",
    include: ["test/**/*.test.ts"],
  },
});
