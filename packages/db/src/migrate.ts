import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { Database } from "./client.ts";
import { queryRows } from "./sql.ts";

export interface MigrationReport {
  /** Tags of the migrations this call applied, oldest first. */
  readonly applied: readonly string[];
  /** Number of migrations the schema is now at. */
  readonly total: number;
}

export interface MigrationStatus {
  readonly applied: number;
  readonly pending: readonly string[];
}

interface JournalEntry {
  readonly idx: number;
  readonly when: number;
  readonly tag: string;
}

/**
 * The committed SQL migrations. Next to the source in the repository (`packages/db/migrations`),
 * next to the bundle in a built app (`dist/migrations`, copied by the app's tsdown config).
 */
export function migrationsFolder(): string {
  const candidates = [
    new URL("../migrations", import.meta.url),
    new URL("./migrations", import.meta.url),
  ];
  for (const candidate of candidates) {
    const folder = fileURLToPath(candidate);
    if (fs.existsSync(`${folder}/meta/_journal.json`)) return folder;
  }
  throw new Error(
    `Database migrations not found (looked in ${candidates.map((c) => fileURLToPath(c)).join(", ")}). The installation is incomplete: reinstall or rebuild Comptoir.`,
  );
}

export function readJournal(): readonly JournalEntry[] {
  const journal = JSON.parse(
    fs.readFileSync(`${migrationsFolder()}/meta/_journal.json`, "utf8"),
  ) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

// Arbitrary constant: the advisory lock every Comptoir process takes around migrations.
const MIGRATION_LOCK_KEY = 727_466_001;

type MigrationTarget = { kind: "pglite"; db: Database } | { kind: "postgres"; url: string };

export async function applyMigrations(target: MigrationTarget): Promise<MigrationReport> {
  const migrationsFolderPath = migrationsFolder();
  if (target.kind === "pglite") {
    const before = await lastAppliedAt(target.db);
    await migratePglite(target.db as unknown as PgliteDatabase, {
      migrationsFolder: migrationsFolderPath,
    });
    return report(before);
  }
  // Several processes may start at once on PostgreSQL: serialize them on one session-level
  // advisory lock, held on a dedicated connection for the whole run.
  const client = new pg.Client({
    connectionString: target.url,
    application_name: "comptoir migrate",
  });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const db = drizzlePostgres({ client, casing: "snake_case" }) as unknown as Database;
    const before = await lastAppliedAt(db);
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: migrationsFolderPath });
    return report(before);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const last = await lastAppliedAt(db);
  const entries = readJournal();
  const pending = entries.filter((entry) => entry.when > last).map((entry) => entry.tag);
  return { applied: entries.length - pending.length, pending };
}

function report(before: number): MigrationReport {
  const entries = readJournal();
  return {
    applied: entries.filter((entry) => entry.when > before).map((entry) => entry.tag),
    total: entries.length,
  };
}

/** `created_at` of the newest applied migration (drizzle stores the journal's `when`), or 0. */
async function lastAppliedAt(db: Database): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return 0;
  const [result] = await queryRows<{ last: string | null }>(
    db,
    sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`,
  );
  return Number(result?.last ?? 0);
}
