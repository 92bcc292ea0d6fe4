import fs from "node:fs";
import { type Config, redactUrl } from "@comptoir/config";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { acquireDataDirectoryLock, DataDirectoryLockedError } from "./lock.ts";
import { applyMigrations, type MigrationReport } from "./migrate.ts";
import * as schema from "./schema/index.ts";
import {
  type SharedSocket,
  sharedSocketExists,
  sharedSocketUrl,
  shareOverSocket,
} from "./shared-socket.ts";
import { limitWasmCompilationTasks } from "./wasm-compilation.ts";

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
  /**
   * Embedded directories only: lets other `comptoir` processes use this database through a Unix
   * socket while this process holds it (closed with the handle).
   */
  share?(): Promise<SharedSocket>;
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

/**
 * Server settings for the embedded engine, passed at each start (`-c`, like `postgres -c`: not
 * written to the data directory, so a directory opened by an older build is unaffected). PGlite
 * replaces its default start parameters with ours, hence the spread. initdb sizes shared
 * buffers for a server (128 MB) and PGlite keeps them in its WebAssembly heap, resident once
 * touched: 16 MB cut opening an existing directory from ~358 to ~226 MB RSS (see the catalog
 * bench for sync figures). PGlite runs one backend, so 10 connection slots (for the lock table
 * and per-backend shared memory) are plenty; the socket shared by `comptoir serve` multiplexes
 * onto that one backend. PostgreSQL servers keep their own configuration.
 */
const PGLITE_START_PARAMS: string[] = [
  ...PGlite.defaultStartParams,
  "-c",
  "shared_buffers=16MB",
  "-c",
  "max_connections=10",
];

async function openPglite(
  dataDir: string | undefined,
  options: OpenDatabaseOptions,
): Promise<DatabaseHandle> {
  let lock: ReturnType<typeof acquireDataDirectoryLock> | undefined;
  try {
    lock = dataDir === undefined ? undefined : acquireDataDirectoryLock(dataDir, options.command);
  } catch (error) {
    // The holder (`comptoir serve`) may share the database: then use it through its socket.
    if (error instanceof DataDirectoryLockedError && dataDir !== undefined) {
      const shared = await openShared(dataDir, error, options);
      if (shared) return shared;
    }
    throw error;
  }
  try {
    if (dataDir !== undefined) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    limitWasmCompilationTasks();
    const client = await PGlite.create(dataDir === undefined ? undefined : dataDir, {
      startParams: PGLITE_START_PARAMS,
    });
    const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
    let closed = false;
    let shared: SharedSocket | undefined;
    return {
      db,
      kind: "pglite",
      description:
        dataDir === undefined ? "embedded PGlite in memory" : `embedded PGlite at ${dataDir}`,
      migrate: () => applyMigrations({ kind: "pglite", db }),
      ...(dataDir === undefined
        ? {}
        : {
            async share() {
              shared ??= await shareOverSocket(client, dataDir);
              return shared;
            },
          }),
      async close() {
        if (closed) return;
        closed = true;
        try {
          await shared?.close();
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

/**
 * The embedded database through the socket of the process holding it, as a PostgreSQL client
 * with one connection (PGlite is one session: connections take turns anyway). Undefined when the
 * holder does not share it or does not answer.
 */
async function openShared(
  dataDir: string,
  locked: DataDirectoryLockedError,
  options: OpenDatabaseOptions,
): Promise<DatabaseHandle | undefined> {
  if (!sharedSocketExists(dataDir)) return undefined;
  try {
    const handle = await openPostgres(sharedSocketUrl(dataDir), { ...options, maxConnections: 1 });
    const holder = locked.holder
      ? `, through process ${locked.holder.pid} (${locked.holder.command})`
      : "";
    return { ...handle, description: `embedded PGlite at ${dataDir}${holder}` };
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) return undefined;
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
