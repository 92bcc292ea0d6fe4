import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// A filesystem without hard links (some network and container mounts).
vi.mock("node:fs/promises", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...original,
    link: async () => {
      throw Object.assign(new Error("operation not permitted"), { code: "EPERM" });
    },
  };
});

const { loadOrCreateEmbeddedKeyRing } = await import("../src/key-file.ts");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "comptoir-auth-nolink-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadOrCreateEmbeddedKeyRing without hard links", () => {
  it("falls back to an exclusive create and still makes a single owner-only key", async () => {
    const results = await Promise.all([1, 2, 3].map(() => loadOrCreateEmbeddedKeyRing(dir)));
    expect(new Set(results.map((r) => r.keys[0]?.key.toString("base64"))).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    if (process.platform !== "win32") {
      expect((await stat(path.join(dir, "secret-keys"))).mode & 0o777).toBe(0o600);
    }
  });
});
