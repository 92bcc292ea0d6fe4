import { type DatabaseOrTransaction, queryRows } from "@comptoir/db";
import { sql } from "drizzle-orm";
import type { SyncCounts } from "./types.ts";

/**
 * ANALYZE samples 300 rows per unit of statistics target. At the default (100), its 30,000-row
 * sample of catalog_products (each row with its raw record) grew PGlite's WebAssembly memory by
 * ~60 MB, kept for the life of the process. The mirror's predicates are equalities on keys and
 * flags, which 3,000 rows describe as well.
 */
const TARGET = sql.raw("10");

/** The mirror's large tables: the plans of every sync and feed query depend on their statistics. */
const MIRROR_TABLES = sql.raw("catalog_products, catalog_variants, catalog_stock");

/**
 * Refreshes the planner's statistics of the mirror after a run that rewrote a good part of it
 * (autovacuum's rule: more than 50 rows + 10 % of the account's products added, changed or
 * removed; a first sync always is). Without them, PostgreSQL plans the sync's own lookups
 * (`product_id = any(…)` over a batch) as a scan of the whole account: a re-sync of 100,000
 * products right after the first one took 33 s instead of 13 s on PostgreSQL, until
 * autovacuum came by. PGlite has no autovacuum, so without this its tables would never have
 * statistics at all. ANALYZE samples a bounded number of rows (see TARGET) and runs after the
 * sync's transaction, in one of its own, so its lock is held only while it runs.
 */
export async function refreshMirrorStatistics(
  db: DatabaseOrTransaction,
  counts: SyncCounts,
): Promise<void> {
  const products = counts.added + counts.changed + counts.unchanged;
  const written = counts.added + counts.changed + counts.removed;
  if (written <= 50 + 0.1 * products) return;
  await db.transaction(async (tx) => {
    await queryRows(tx, sql`set local default_statistics_target = ${TARGET}`);
    await queryRows(tx, sql`analyze ${MIRROR_TABLES}`);
  });
}
