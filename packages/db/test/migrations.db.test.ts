import { loadConfig } from "@comptoir/config";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { migrationStatus, openDatabase } from "../src/index.ts";
import * as schema from "../src/schema/index.ts";
import {
  createScratchDatabase,
  createTestDatabase,
  dropScratchDatabase,
  schemaCatalog,
  testBackend,
} from "../src/testing.ts";

const target = loadConfig().database;
const postgresUrl = target.kind === "postgres" ? target.url : undefined;
/** The schema is written in camelCase and stored in snake_case (`casing: "snake_case"`). */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const tables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable =>
  is(value, PgTable),
);

describe(`migrations on ${testBackend()}`, () => {
  it("create exactly the tables and columns the schema declares", async () => {
    const database = await createTestDatabase();
    try {
      const catalog = await schemaCatalog(database.handle.db);
      const actual = catalog.columns.map((line) => line.split(" ").slice(0, 2).join("."));
      const declared = tables.flatMap((table) => {
        const config = getTableConfig(table);
        return config.columns.map((column) => `${config.name}.${snake(column.name)}`);
      });
      expect(actual.sort()).toEqual(declared.sort());
      for (const table of tables) {
        const config = getTableConfig(table);
        for (const column of config.columns) {
          const line = catalog.columns.find((l) =>
            l.startsWith(`${config.name} ${snake(column.name)} `),
          );
          expect(line, `${config.name}.${column.name}`).toContain(column.notNull ? " NO" : " YES");
        }
      }
      expect(catalog.migrations.length).toBeGreaterThan(0);
    } finally {
      await database.dispose();
    }
  });

  it("report what they applied, and apply nothing the second time", async () => {
    const handle = await openDatabase({ kind: "pglite-memory" });
    try {
      expect((await migrationStatus(handle.db)).applied).toBe(0);
      const first = await handle.migrate();
      expect(first.applied.length).toBe(first.total);
      expect(first.applied[0]).toMatch(/^0000_/);
      const second = await handle.migrate();
      expect(second.applied).toEqual([]);
      expect(await migrationStatus(handle.db)).toEqual({ applied: first.total, pending: [] });
    } finally {
      await handle.close();
    }
  });
});

describe.skipIf(postgresUrl === undefined)("PGlite and PostgreSQL", () => {
  it("end up with the same schema, compared catalog by catalog", async () => {
    const pglite = await openDatabase({ kind: "pglite-memory" });
    const scratch = await createScratchDatabase(postgresUrl as string);
    const postgres = await openDatabase(scratch.url);
    try {
      await pglite.migrate();
      await postgres.migrate();
      const [a, b] = [await schemaCatalog(pglite.db), await schemaCatalog(postgres.db)];
      expect(a.columns.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    } finally {
      await pglite.close();
      await postgres.close();
      await dropScratchDatabase(postgresUrl as string, scratch.name);
    }
  });

  it("migrate safely when several processes start at once", async () => {
    const scratch = await createScratchDatabase(postgresUrl as string);
    const handles = await Promise.all([1, 2, 3].map(() => openDatabase(scratch.url)));
    try {
      const reports = await Promise.all(handles.map((handle) => handle.migrate()));
      const applied = reports.flatMap((report) => report.applied);
      expect(applied.length).toBe(reports[0]?.total);
      expect(new Set(applied).size).toBe(applied.length);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
      await dropScratchDatabase(postgresUrl as string, scratch.name);
    }
  });
});
