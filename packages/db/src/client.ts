import fs from "node:fs";
import { type Config, redactUrl } from "@comptoir/config";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { acquireDataDirectoryLock } from "./lock.ts";
import { applyMigrations, type MigrationReport } from "./migrate.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;

/** One type for both drivers: code written against it runs on PGlite and on PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
/** Verbs take this first, so a caller can thread its own transaction through. */
export type DatabaseOrTransaction = Database | Transaction;

/** Where the data lives, as configured (embedded directory, in memory, or a PostgreSQL URL). */
export type DatabaseTarget = Config["database"];

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: "pglite" | "postgres";
  /** Human description without credentials. */
  readonly description: string;
  migrate(): Promise<MigrationReport>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Shown to a second process that finds the embedded directory locked. */
  readonly command?: string;
  /** PostgreSQL pool size. */
  readonly maxConnections?: number;
}

/**
 * Opens the database named by `target`:
 * - `postgres://…` (or `{ kind: "postgres" }`): a node-postgres pool;
 * - `memory://`: a throw-away in-memory PGlite;
 * - anything else is a directory for an embedded PGlite, guarded by a lock file.
 */
export async function openDatabase(
  target: DatabaseTarget | string,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  const resolved = typeof target === "string" ? parseTarget(target) : target;
  switch (resolved.kind) {
    case "postgres":
      return openPostgres(resolved.url, options);
    case "pglite-memory":
      return openPglite(undefined, options);
    case "pglite":
      return openPglite(resolved.dataDir, options);
  }
}

export function parseTarget(value: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: "postgres", url: value };
  if (value === "memory://") return { kind: "pglite-memory" };
  return { kind: "pglite", dataDir: value.replace(/^file:(\/\/)?/, "") };
}

async function openPglite(
  dataDir: string | undefined,
  options: OpenDatabaseOptions,
): Promise<DatabaseHandle> {
  const lock =
    dataDir === undefined ? undefined : acquireDataDirectoryLock(dataDir, options.command);
  try {
    if (dataDir !== undefined) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const client = await PGlite.create(dataDir === undefined ? undefined : dataDir);
    const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
    let closed = false;
    return {
      db,
      kind: "pglite",
      description:
        dataDir === undefined ? "embedded PGlite in memory" : `embedded PGlite at ${dataDir}`,
      migrate: () => applyMigrations({ kind: "pglite", db }),
      async close() {
        if (closed) return;
        closed = true;
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: options.command ?? "comptoir",
  });
  // Fail fast with the server's reason rather than on the first query.
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end();
    throw new DatabaseUnreachableError(redactUrl(url), error);
  }
  const db = drizzlePostgres({ client: pool, schema, casing: "snake_case" }) as unknown as Database;
  let closed = false;
  return {
    db,
    kind: "postgres",
    description: `PostgreSQL at ${redactUrl(url)}`,
    migrate: () => applyMigrations({ kind: "postgres", url }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

export class DatabaseUnreachableError extends Error {
  readonly code = "DATABASE_UNREACHABLE";
  constructor(where: string, cause: unknown) {
    super(
      `Cannot connect to PostgreSQL at ${where}: ${(cause as Error)?.message ?? cause}. ` +
        "Check that the server is running and DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.",
      { cause },
    );
    this.name = "DatabaseUnreachableError";
  }
}
