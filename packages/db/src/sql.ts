import type { SQL } from "drizzle-orm";
import type { DatabaseOrTransaction } from "./client.ts";

/**
 * Rows of a raw SQL query. Both drivers we use (PGlite and node-postgres) answer `{ rows }`,
 * which drizzle's shared `PgDatabase` type cannot express; this is the one place that says so.
 */
export async function queryRows<Row>(db: DatabaseOrTransaction, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
