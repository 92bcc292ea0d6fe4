import { loadConfig } from "@comptoir/config";
import { createScratchDatabase, dropScratchDatabase } from "@comptoir/db/testing";
import { runComptoir } from "@comptoir/testing";
import { describe, expect, it } from "vitest";

const target = loadConfig().database;

describe.skipIf(target.kind !== "postgres")("comptoir db migrate on PostgreSQL", () => {
  it("migrates a fresh database, then reports it current", async () => {
    const server = target.kind === "postgres" ? target.url : "";
    const scratch = await createScratchDatabase(server);
    try {
      const env = { DATABASE_URL: scratch.url };
      const first = await runComptoir(["db", "migrate"], { env });
      expect(first.code, first.stderr).toBe(0);
      const report = first.json<{ database: string; applied: string[]; total: number }>();
      expect(report.database).toMatch(/^PostgreSQL at postgres:\/\//);
      expect(report.applied).toHaveLength(report.total);
      const second = await runComptoir(["db", "status"], { env });
      expect(second.json()).toMatchObject({ applied: report.total, pending: [] });
    } finally {
      await dropScratchDatabase(server, scratch.name);
    }
  });
});
