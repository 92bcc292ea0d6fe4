import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  decryptCredentials,
  decryptJson,
  encryptCredentials,
  encryptJson,
} from "../src/credentials.ts";
import { createKeyRing } from "../src/keyring.ts";
import {
  CannotDecryptError,
  decryptSecret,
  encryptSecret,
  envelopeKeyId,
  needsReEncryption,
  reEncrypt,
  UnknownKeyIdError,
} from "../src/vault.ts";
import { key, ring } from "./helpers.ts";

const SECRET = "s3cr3t-api-key-Ω";

function replacePart(envelope: string, index: number, change: (part: string) => string): string {
  const parts = envelope.split(".");
  parts[index] = change(parts[index] ?? "");
  return parts.join(".");
}

function flipFirstByte(part: string): string {
  const bytes = Buffer.from(part, "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString("base64url");
}

function decryptError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected decryption to fail");
}

describe("encryptSecret / decryptSecret", () => {
  const r = ring(key("k1"));

  it("round-trips and writes a versioned envelope naming the key", () => {
    const envelope = encryptSecret(r, SECRET, "account-1");
    expect(envelope).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(decryptSecret(r, envelope, "account-1")).toBe(SECRET);
    expect(envelopeKeyId(envelope)).toBe("k1");
    expect(envelope).not.toContain(Buffer.from(SECRET).toString("base64url"));
  });

  it("uses a fresh IV each time", () => {
    const a = encryptSecret(r, SECRET, "account-1");
    const b = encryptSecret(r, SECRET, "account-1");
    expect(a).not.toBe(b);
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
  });

  it("round-trips an empty string", () => {
    expect(decryptSecret(r, encryptSecret(r, "", "a"), "a")).toBe("");
  });

  it.each([
    ["iv", 2],
    ["tag", 3],
    ["ciphertext", 4],
  ])("refuses a tampered %s", (_name, index) => {
    const envelope = replacePart(encryptSecret(r, SECRET, "account-1"), index, flipFirstByte);
    const error = decryptError(() => decryptSecret(r, envelope, "account-1"));
    expect(error).toBeInstanceOf(CannotDecryptError);
    expect((error as CannotDecryptError).reason).toBe("authentication-failed");
    expect(error.message).not.toContain(SECRET);
  });

  it("refuses a ciphertext moved to another account (wrong AAD) with a generic message", () => {
    const envelope = encryptSecret(r, SECRET, "account-1");
    const error = decryptError(() => decryptSecret(r, envelope, "account-2"));
    expect(error).toBeInstanceOf(CannotDecryptError);
    expect(error.message).toMatch(/^Cannot decrypt: the stored secret is damaged/);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain("account");
  });

  it("refuses an envelope whose key id was edited to another known key", () => {
    const two = createKeyRing([key("k1"), key("k2")]);
    const envelope = replacePart(encryptSecret(two, SECRET, "a"), 1, () => "k2");
    expect(() => decryptSecret(two, envelope, "a")).toThrow(CannotDecryptError);
  });

  it("names a missing key id and says where to add it", () => {
    const envelope = encryptSecret(ring(key("old")), SECRET, "a");
    const error = decryptError(() => decryptSecret(r, envelope, "a"));
    expect(error).toBeInstanceOf(UnknownKeyIdError);
    expect((error as UnknownKeyIdError).keyId).toBe("old");
    expect(error.message).toContain('"old"');
    expect(error.message).toContain("COMPTOIR_SECRET_KEYS");
  });

  it.each([
    "",
    "garbage",
    "v1.k1.a.b",
    "v1.k1.AAAA.AAAA.AAAA",
    "v1..AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA",
    "v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.A+A",
  ])("refuses the malformed envelope %j", (envelope) => {
    const error = decryptError(() => decryptSecret(r, envelope, "a"));
    expect(error).toBeInstanceOf(CannotDecryptError);
    expect((error as CannotDecryptError).reason).toBe("malformed");
  });

  it("recognises a future envelope version", () => {
    const envelope = replacePart(encryptSecret(r, SECRET, "a"), 0, () => "v2");
    const error = decryptError(() => decryptSecret(r, envelope, "a"));
    expect((error as CannotDecryptError).reason).toBe("unsupported-version");
    expect(error.message).toContain("Upgrade");
  });
});

describe("rotation", () => {
  it("keeps old data readable and re-encrypts it with the new primary key", () => {
    const k1 = key("k1");
    const before = createKeyRing([k1]);
    const envelope = encryptSecret(before, SECRET, "account-1");

    const k2 = key("k2");
    const after = createKeyRing([k2, k1]);
    expect(needsReEncryption(after, envelope)).toBe(true);
    expect(decryptSecret(after, envelope, "account-1")).toBe(SECRET);

    const moved = reEncrypt(after, envelope, "account-1");
    expect(envelopeKeyId(moved)).toBe("k2");
    expect(needsReEncryption(after, moved)).toBe(false);
    expect(decryptSecret(after, moved, "account-1")).toBe(SECRET);

    // Once everything is re-encrypted the old key can go.
    const retired = createKeyRing([k2]);
    expect(decryptSecret(retired, moved, "account-1")).toBe(SECRET);
    expect(() => decryptSecret(retired, envelope, "account-1")).toThrow(UnknownKeyIdError);
    // Re-encryption is still bound to the record.
    expect(() => reEncrypt(after, envelope, "account-2")).toThrow(CannotDecryptError);
  });
});

describe("JSON and credential helpers", () => {
  const r = ring(key("k1"));

  it("round-trips basic credentials", () => {
    const creds = { kind: "basic" as const, user: "owner@shop.fr", apiKey: "ABC123" };
    const envelope = encryptCredentials(r, creds, "acc-1");
    expect(decryptCredentials(r, envelope, "acc-1")).toEqual(creds);
    expect(() => decryptCredentials(r, envelope, "acc-2")).toThrow(CannotDecryptError);
  });

  it("round-trips OAuth credentials with a Date expiry", () => {
    const creds = {
      kind: "oauth" as const,
      accessToken: "a".repeat(40),
      refreshToken: "r".repeat(40),
      expiresAt: new Date("2027-01-01T00:00:00.000Z"),
      scope: "read_products",
    };
    const decrypted = decryptCredentials(r, encryptCredentials(r, creds, "acc-1"), "acc-1");
    expect(decrypted).toEqual(creds);
    expect(decrypted.kind === "oauth" && decrypted.expiresAt instanceof Date).toBe(true);
  });

  it("reports content of the wrong shape without echoing it", () => {
    const envelope = encryptJson(r, { kind: "basic", user: "x", apiKey: "" }, "acc-1");
    const error = decryptError(() => decryptCredentials(r, envelope, "acc-1"));
    expect((error as CannotDecryptError).reason).toBe("invalid-content");
    expect(error.message).not.toContain("basic");
    const notJson = encryptSecret(r, "not json", "acc-1");
    expect(() => decryptJson(r, notJson, "acc-1", z.unknown())).toThrow(CannotDecryptError);
  });
});
