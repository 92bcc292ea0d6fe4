import { type DatabaseOrTransaction, queryRows } from "@comptoir/db";
import { sql } from "drizzle-orm";
import type { FullSyncSize } from "./cost.ts";

/** What the mirror knows about the size of an account's catalog, from its last syncs. */
export interface MirrorFacts extends FullSyncSize {
  /** Products in the mirror that are still on the POS. */
  readonly products: number;
  /** Whether a full sync ever succeeded for the account. */
  readonly fullySynced: boolean;
}

export async function mirrorFacts(
  db: DatabaseOrTransaction,
  accountId: string,
): Promise<MirrorFacts> {
  const [row] = await queryRows<{
    products: number;
    size_types: number;
    categories: number;
    brands: number;
    suppliers: number;
    fully_synced: boolean;
  }>(
    db,
    sql`select
          (select count(*) from catalog_products
            where account_id = ${accountId}::uuid and removed_at is null)::int as products,
          (select count(distinct size_type_id) from catalog_sizes
            where account_id = ${accountId}::uuid)::int as size_types,
          (select count(*) from catalog_categories where account_id = ${accountId}::uuid)::int as categories,
          (select count(*) from catalog_brands where account_id = ${accountId}::uuid)::int as brands,
          (select count(*) from catalog_suppliers where account_id = ${accountId}::uuid)::int as suppliers,
          exists (select 1 from sync_runs where account_id = ${accountId}::uuid
            and kind = 'full' and outcome = 'succeeded') as fully_synced`,
  );
  return {
    products: row?.products ?? 0,
    sizeTypes: row?.size_types ?? 0,
    categories: row?.categories ?? 0,
    brands: row?.brands ?? 0,
    suppliers: row?.suppliers ?? 0,
    fullySynced: row?.fully_synced ?? false,
  };
}
