import { describe, expect, it } from "vitest";
import {
  createKeyRing,
  formatKeyRing,
  generateKey,
  KeyRingError,
  parseKeyRing,
  rotateKeys,
} from "../src/keyring.ts";
import { key } from "./helpers.ts";

describe("createKeyRing", () => {
  it("makes the first key primary and derives distinct subkeys per purpose", () => {
    const first = key("k1");
    const ring = createKeyRing([first, key("k0")]);
    expect(ring.primaryKeyId).toBe("k1");
    expect(ring.keyIds).toEqual(["k1", "k0"]);
    const vault = ring.primary("vault").key;
    const links = ring.primary("signed-links").key;
    expect(vault).toHaveLength(32);
    expect(vault.equals(links)).toBe(false);
    expect(vault.equals(first.key)).toBe(false);
    expect(links.equals(first.key)).toBe(false);
    // Deterministic: another ring from the same secret derives the same subkeys.
    expect(createKeyRing([first]).primary("vault").key.equals(vault)).toBe(true);
  });

  it("finds older keys and reports missing ones as undefined", () => {
    const ring = createKeyRing([key("new"), key("old")]);
    expect(ring.find("vault", "old")?.keyId).toBe("old");
    expect(ring.find("vault", "gone")).toBeUndefined();
    expect(ring.hasKey("old")).toBe(true);
    expect(ring.hasKey("gone")).toBe(false);
  });

  it("rejects unusable key rings without echoing key material", () => {
    expect(() => createKeyRing([])).toThrow(/empty.*COMPTOIR_SECRET_KEYS/);
    expect(() => createKeyRing([{ id: "k1", key: Buffer.alloc(16, 7) }])).toThrow(
      /16 bytes long; each key must be exactly 32/,
    );
    expect(() => createKeyRing([key("k1"), key("k1")])).toThrow(/appears twice/);
    expect(() => createKeyRing([key("bad.id")])).toThrow(KeyRingError);
  });

  it("copies key material (later changes to the caller's buffer do not affect the ring)", () => {
    const secret = key("k1");
    const copy = { id: "k1", key: Buffer.from(secret.key) };
    const ring = createKeyRing([secret]);
    secret.key.fill(0);
    expect(ring.primary("vault").key.equals(createKeyRing([copy]).primary("vault").key)).toBe(true);
  });
});

describe("key ring text format", () => {
  it("round-trips through formatKeyRing and parseKeyRing (the COMPTOIR_SECRET_KEYS format)", () => {
    const keys = [key("k2"), key("k1")];
    const text = formatKeyRing(keys);
    expect(text).toMatch(/^k2:[A-Za-z0-9+/]{43}=,k1:[A-Za-z0-9+/]{43}=$/);
    const parsed = parseKeyRing(text);
    expect(parsed.map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(parsed[0]?.key.equals(keys[0]?.key ?? Buffer.alloc(0))).toBe(true);
  });

  it("accepts comments and one entry per line", () => {
    const [a, b] = [key("a"), key("b")];
    const text = `# comment\n${formatKeyRing([a])}\n\n${formatKeyRing([b])}\n`;
    expect(parseKeyRing(text).map((k) => k.id)).toEqual(["a", "b"]);
  });

  it("names the bad entry but never prints the key text", () => {
    const secretText = Buffer.alloc(20, 9).toString("base64");
    let message = "";
    try {
      parseKeyRing(`k1:${secretText}`, "/data/secret-keys");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("/data/secret-keys: entry 1 is malformed");
    expect(message).not.toContain(secretText);
    expect(() => parseKeyRing("# nothing\n")).toThrow(/holds no keys/);
  });
});

describe("generateKey and rotateKeys", () => {
  it("generates short sequential ids and 32 random bytes", () => {
    expect(generateKey().id).toBe("k1");
    const next = generateKey({ existingIds: ["k1", "k3", "custom"] });
    expect(next.id).toBe("k4");
    expect(next.key).toHaveLength(32);
    expect(generateKey().key.equals(generateKey().key)).toBe(false);
    expect(() => generateKey({ id: "k1", existingIds: ["k1"] })).toThrow(/already in the key ring/);
  });

  it("puts the new key first and keeps the old ones", () => {
    const old = [key("k1")];
    const rotated = rotateKeys(old);
    expect(rotated.map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(createKeyRing(rotated).primaryKeyId).toBe("k2");
  });
});
