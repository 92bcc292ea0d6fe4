import { type BlobStore, createMemoryStore } from "@comptoir/storage";
import { dbTest as test } from "@comptoir/testing";
import { describe, expect } from "vitest";
import { testApp } from "./support.ts";

type Readiness = { ready: boolean; checks: Record<string, { ok: boolean; detail: string }> };

describe("/readyz", () => {
  test("checks that blob storage is writable, and leaves nothing behind", async ({ db }) => {
    const blobs = createMemoryStore();
    const response = await testApp(db, {}, { blobs }).request("/readyz");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Readiness;
    expect(body.checks.storage).toEqual({ ok: true, detail: "writable" });
    expect(body.checks.migrations?.ok).toBe(true);
    const left: unknown[] = [];
    for await (const blob of blobs.list("")) left.push(blob);
    expect(left).toEqual([]);
  });

  test("is not ready when storage refuses writes", async ({ db }) => {
    const full: BlobStore = {
      ...createMemoryStore(),
      put: async () => {
        throw new Error("ENOSPC: no space left on device");
      },
    };
    const response = await testApp(db, {}, { blobs: full }).request("/readyz");
    expect(response.status).toBe(503);
    const body = (await response.json()) as Readiness;
    expect(body.ready).toBe(false);
    expect(body.checks.storage?.detail).toContain("ENOSPC");
  });
});
