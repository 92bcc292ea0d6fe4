import { describe, expect } from "vitest";
import { accounts } from "../src/schema/index.ts";
import { dbTest as test } from "../src/testing.ts";

// The two tests write the same unique name: each passes only if the other's row was rolled back.
describe("the database test fixture", () => {
  for (const attempt of ["first", "second"]) {
    test(`isolates each test in a rolled-back transaction (${attempt})`, async ({ db }) => {
      expect(await db.select().from(accounts)).toEqual([]);
      await db
        .insert(accounts)
        .values({ name: "isolated", hiboutikAccount: "x", authKind: "basic" });
      expect(await db.$count(accounts)).toBe(1);
    });
  }

  test("enforces the schema's constraints", async ({ db }) => {
    await expect(
      db
        .insert(accounts)
        .values({ name: "q", hiboutikAccount: "x", authKind: "basic", monthlyCallQuota: 0 }),
    ).rejects.toThrow();
  });
});
