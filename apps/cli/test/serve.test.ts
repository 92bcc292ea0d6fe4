import fs from "node:fs";
import path from "node:path";
import { startComptoir, useTempDir } from "@comptoir/testing";
import { describe, expect, it } from "vitest";

describe("comptoir serve", () => {
  it("serves health over real HTTP, holds the embedded database, and stops cleanly", async () => {
    const dataDir = useTempDir();
    const server = await startComptoir<{ url: string; role: string }>(["serve", "--port", "0"], {
      env: { COMPTOIR_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    });
    try {
      expect(server.ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${server.ready.url}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${server.ready.url}/readyz`);
      expect(((await ready.json()) as { ready: boolean }).ready).toBe(true);
      expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(true);
    } finally {
      const { code } = await server.stop("SIGTERM");
      expect(code).toBe(0);
    }
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  });
});
