import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  generateKeyRingFile,
  loadKeyRingFile,
  loadOrCreateEmbeddedKeyRing,
  saveKeyRingFile,
} from "../src/key-file.ts";
import { formatKeyRing, rotateKeys } from "../src/keyring.ts";
import { decryptSecret, encryptSecret } from "../src/vault.ts";

const posix = process.platform !== "win32";
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "comptoir-auth-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadOrCreateEmbeddedKeyRing", () => {
  it("generates one key on first run in an owner-only file and reuses it afterwards", async () => {
    const dataDir = path.join(dir, "data");
    const first = await loadOrCreateEmbeddedKeyRing(dataDir);
    expect(first.created).toBe(true);
    expect(first.filePath).toBe(path.join(dataDir, "secret-keys"));
    expect(first.keys).toHaveLength(1);
    if (posix) expect((await stat(first.filePath)).mode & 0o777).toBe(0o600);

    const second = await loadOrCreateEmbeddedKeyRing(dataDir);
    expect(second.created).toBe(false);
    expect(second.keys[0]?.key.equals(first.keys[0]?.key ?? Buffer.alloc(0))).toBe(true);
    // What one process encrypted, the next one decrypts.
    const envelope = encryptSecret(first.ring, "api-key", "account-1");
    expect(decryptSecret(second.ring, envelope, "account-1")).toBe("api-key");
  });

  it("creates a single key when many callers race on first run", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => loadOrCreateEmbeddedKeyRing(dir)),
    );
    const material = new Set(results.map((r) => r.keys[0]?.key.toString("base64")));
    expect(material.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const onDisk = await loadKeyRingFile(path.join(dir, "secret-keys"));
    expect(onDisk[0]?.key.toString("base64")).toBe([...material][0]);
    // No temporary files left behind.
    const { readdir } = await import("node:fs/promises");
    expect(await readdir(dir)).toEqual(["secret-keys"]);
  });

  it.runIf(posix)("refuses a key file other users can read, saying how to fix it", async () => {
    const { filePath } = await loadOrCreateEmbeddedKeyRing(dir);
    await chmod(filePath, 0o644);
    await expect(loadOrCreateEmbeddedKeyRing(dir)).rejects.toThrow(`chmod 600 ${filePath}`);
    await chmod(filePath, 0o640);
    await expect(loadKeyRingFile(filePath)).rejects.toThrow(/readable or writable by other users/);
  });

  it("reports a damaged key file without echoing its content", async () => {
    const filePath = path.join(dir, "secret-keys");
    await writeFile(filePath, "k1:c2hvcnQ=\n", { mode: 0o600 });
    const error = await loadOrCreateEmbeddedKeyRing(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("entry 1 is malformed");
    expect((error as Error).message).not.toContain("c2hvcnQ=");
  });
});

describe("generateKeyRingFile and saveKeyRingFile", () => {
  it("never overwrites an existing file", async () => {
    const filePath = path.join(dir, "keys");
    const first = await generateKeyRingFile(filePath);
    const second = await generateKeyRingFile(filePath);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(formatKeyRing(second.keys)).toBe(formatKeyRing(first.keys));
  });

  it("replaces the file atomically on rotation and keeps it owner-only", async () => {
    const filePath = path.join(dir, "keys");
    const { keys } = await generateKeyRingFile(filePath);
    const rotated = rotateKeys(keys);
    await saveKeyRingFile(filePath, rotated);
    expect((await loadKeyRingFile(filePath)).map((k) => k.id)).toEqual(["k2", "k1"]);
    if (posix) expect((await stat(filePath)).mode & 0o777).toBe(0o600);
    expect(await readFile(filePath, "utf8")).toMatch(/^# Comptoir key ring/);
  });
});
