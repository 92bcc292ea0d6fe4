import { schema } from "@comptoir/db";
import { dbTest as test } from "@comptoir/testing";
import { describe, expect } from "vitest";
import {
  authenticateAdminKey,
  issueAdminKey,
  listAdminKeys,
  revokeAdminKey,
} from "../src/admin-key-store.ts";

describe("stored admin keys", () => {
  test("are shown once, stored hashed, and authenticate until revoked", async ({ db }) => {
    const { key, summary } = await issueAdminKey(db, { name: "ci", scopes: ["read"] });
    expect(key.startsWith(summary.prefix)).toBe(true);
    const [row] = await db.select().from(schema.adminKeys);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(JSON.stringify(row)).not.toContain(key.slice(summary.prefix.length + 1));

    const when = new Date("2026-12-01T08:00:00Z");
    expect(await authenticateAdminKey(db, key, when)).toMatchObject({
      name: "ci",
      scopes: ["read"],
    });
    expect((await listAdminKeys(db))[0]?.lastUsedAt).toEqual(when);

    expect(await authenticateAdminKey(db, `${key.slice(0, -1)}x`)).toBeUndefined();
    expect(await authenticateAdminKey(db, "Bearer nonsense")).toBeUndefined();

    expect(await revokeAdminKey(db, "ci")).toHaveLength(1);
    expect(await authenticateAdminKey(db, key)).toBeUndefined();
    expect(await revokeAdminKey(db, summary.prefix)).toHaveLength(0);
  });

  test("keep their scopes", async ({ db }) => {
    const { key } = await issueAdminKey(db, { name: "deploy", scopes: ["read", "write"] });
    expect((await authenticateAdminKey(db, key))?.scopes).toEqual(["read", "write"]);
  });
});
