import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAdminKey, hasScope, parseAdminKeyId, verifyAdminKey } from "../src/admin-keys.ts";

describe("createAdminKey", () => {
  it("returns the key once and a record that holds only its hash", () => {
    const { key, record } = createAdminKey({ name: " ci deploy ", scopes: ["read", "read"] });
    expect(key).toMatch(/^ck_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/);
    // 43 base62 characters carry 43 × log2(62) ≈ 256 bits.
    expect(43 * Math.log2(62)).toBeGreaterThan(255);
    expect(record).toEqual({
      id: key.slice(3, 15),
      name: "ci deploy",
      scopes: ["read"],
      hash: createHash("sha256").update(key).digest("hex"),
      prefix: key.slice(0, 15),
    });
    expect(JSON.stringify(record)).not.toContain(key.slice(16));
  });

  it("generates distinct keys and ids", () => {
    const keys = Array.from({ length: 50 }, () => createAdminKey({ name: "k", scopes: ["read"] }));
    expect(new Set(keys.map((k) => k.key)).size).toBe(50);
    expect(new Set(keys.map((k) => k.record.id)).size).toBe(50);
  });

  it("needs a name and a scope", () => {
    expect(() => createAdminKey({ name: " ", scopes: ["read"] })).toThrow(/name/);
    expect(() => createAdminKey({ name: "x", scopes: [] })).toThrow(/scope/);
  });
});

describe("verifyAdminKey", () => {
  const { key, record } = createAdminKey({ name: "ops", scopes: ["write"] });

  it("accepts the key it created", () => {
    expect(parseAdminKeyId(key)).toBe(record.id);
    expect(verifyAdminKey(record, key)).toBe(true);
  });

  it("refuses a key with one character changed in the secret", () => {
    const last = key.at(-1) === "a" ? "b" : "a";
    expect(verifyAdminKey(record, `${key.slice(0, -1)}${last}`)).toBe(false);
  });

  it("refuses another key, another record, and junk", () => {
    const other = createAdminKey({ name: "other", scopes: ["read"] });
    expect(verifyAdminKey(record, other.key)).toBe(false);
    expect(verifyAdminKey(other.record, key)).toBe(false);
    // Same id, different secret.
    expect(verifyAdminKey(record, `ck_${record.id}_${"0".repeat(43)}`)).toBe(false);
    for (const junk of [
      "",
      "ck_",
      key.slice(0, -1),
      `${key}x`,
      `Bearer ${key}`,
      key.toUpperCase(),
    ]) {
      expect(verifyAdminKey(record, junk)).toBe(false);
    }
    expect(parseAdminKeyId("ck_short_secret")).toBeUndefined();
  });
});

describe("hasScope", () => {
  it("lets write imply read, not the reverse", () => {
    expect(hasScope(["read"], "read")).toBe(true);
    expect(hasScope(["read"], "write")).toBe(false);
    expect(hasScope(["write"], "read")).toBe(true);
    expect(hasScope(["write"], "write")).toBe(true);
    expect(hasScope([], "read")).toBe(false);
  });
});
