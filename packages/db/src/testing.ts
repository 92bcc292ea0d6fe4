import { randomBytes } from "node:crypto";
import { loadConfig } from "@comptoir/config";
import { sql } from "drizzle-orm";
import pg from "pg";
import { test as base } from "vitest";
import {
  type DatabaseHandle,
  type DatabaseOrTransaction,
  openDatabase,
  type Transaction,
} from "./client.ts";
import { queryRows } from "./sql.ts";

/**
 * Test fixtures that own their database (trigger.dev style): a migrated database per test worker,
 * and each test inside a transaction that is rolled back, so tests never see each other's rows.
 *
 * Which server: PGlite in memory by default; the PostgreSQL server named by DATABASE_URL when it
 * is set, in a fresh database created for the worker and dropped afterwards.
 */
export interface TestDatabase {
  readonly handle: DatabaseHandle;
  readonly backend: "pglite" | "postgres";
  dispose(): Promise<void>;
}

export function testBackend(): "pglite" | "postgres" {
  return loadConfig().database.kind === "postgres" ? "postgres" : "pglite";
}

/** A new, migrated, empty database. Use it directly for tests that need real concurrency. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const target = loadConfig().database;
  if (target.kind !== "postgres") {
    const handle = await openDatabase({ kind: "pglite-memory" });
    await handle.migrate();
    return { handle, backend: "pglite", dispose: () => handle.close() };
  }
  const { url, name } = await createScratchDatabase(target.url);
  const handle = await openDatabase(url, { command: "comptoir tests" });
  await handle.migrate();
  return {
    handle,
    backend: "postgres",
    async dispose() {
      await handle.close();
      await dropScratchDatabase(target.url, name);
    },
  };
}

/** Creates `<configured database>_t_<random>` on the configured server; returns its URL. */
export async function createScratchDatabase(
  serverUrl: string,
): Promise<{ url: string; name: string }> {
  const base = new URL(serverUrl);
  const prefix = base.pathname.replace(/^\//, "") || "comptoir";
  const name = `${prefix}_t_${process.pid}_${randomBytes(3).toString("hex")}`.toLowerCase();
  await withAdminClient(serverUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

export async function dropScratchDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, (client) =>
    client.query(`drop database if exists "${name}" with (force)`),
  );
}

async function withAdminClient<T>(
  serverUrl: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: "comptoir tests" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

class RollbackSentinel extends Error {}

/** Runs `fn` inside a transaction that is always rolled back. */
export async function withRollback(
  handle: DatabaseHandle,
  fn: (tx: Transaction) => Promise<void>,
): Promise<void> {
  try {
    await handle.db.transaction(async (tx) => {
      await fn(tx);
      throw new RollbackSentinel();
    });
  } catch (error) {
    if (!(error instanceof RollbackSentinel)) throw error;
  }
}

export const dbTest = base.extend<{
  $test: { db: Transaction };
  $worker: { database: TestDatabase };
}>({
  database: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixture's dependencies from this pattern.
    async ({}, use) => {
      const database = await createTestDatabase();
      try {
        await use(database);
      } finally {
        await database.dispose();
      }
    },
    { scope: "worker" },
  ],
  db: async ({ database }, use) => {
    await withRollback(database.handle, use);
  },
});

export interface SchemaCatalog {
  readonly columns: readonly string[];
  readonly constraints: readonly string[];
  readonly indexes: readonly string[];
  readonly migrations: readonly string[];
}

/**
 * What the server's catalogs say the schema is, as sorted lines, for comparing two databases
 * (PGlite vs PostgreSQL) or a database against the migrations.
 */
export async function schemaCatalog(db: DatabaseOrTransaction): Promise<SchemaCatalog> {
  const columns = await queryRows<{ line: string }>(
    db,
    sql`select concat_ws(' ', table_name, column_name, data_type, coalesce(character_maximum_length::text, ''),
          coalesce(numeric_precision::text || ',' || numeric_scale::text, ''), is_nullable,
          coalesce(column_default, '')) as line
        from information_schema.columns where table_schema = 'public'`,
  );
  const constraints = await queryRows<{ line: string }>(
    db,
    sql`select concat_ws(' ', rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)) as line
        from pg_constraint con
        join pg_class rel on rel.oid = con.conrelid
        join pg_namespace ns on ns.oid = rel.relnamespace
        where ns.nspname = 'public' and con.contype <> 'n'`, // PG 18 also lists NOT NULL; is_nullable has it
  );
  const indexes = await queryRows<{ line: string }>(
    db,
    sql`select indexdef as line from pg_indexes where schemaname = 'public'`,
  );
  const migrations = await queryRows<{ line: string }>(
    db,
    sql`select hash || ' ' || created_at as line from drizzle.__drizzle_migrations`,
  );
  const sorted = (rows: { line: string }[]) => rows.map((row) => row.line).sort();
  return {
    columns: sorted(columns),
    constraints: sorted(constraints),
    indexes: sorted(indexes),
    migrations: sorted(migrations),
  };
}
