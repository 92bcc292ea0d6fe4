import { type DatabaseOrTransaction, queryRows } from "@comptoir/db";
import { sql } from "drizzle-orm";
import type { MirrorStockCell } from "./map-product.ts";
import { type Column, names, recordset } from "./sql-rows.ts";

const CELL_COLUMNS: readonly Column[] = [
  ["product_id", "int"],
  ["size_id", "int"],
  ["warehouse_id", "int"],
  ["available", "float8"],
  ["alert_threshold", "int"],
];

export interface ProductStock {
  readonly productId: number;
  readonly cells: readonly MirrorStockCell[];
  readonly stockHash: string;
  /** Added by this batch: it has no cells to compare or delete yet. */
  readonly fresh?: boolean;
  /** Its stock hash was already written with its product row. */
  readonly hashWritten?: boolean;
}

/**
 * Makes the stock of these products equal to `cells`: new or different cells are written,
 * identical ones are left alone, cells that no longer exist are deleted, and each product's
 * stock hash is updated. Returns how many cells were written or deleted.
 */
export async function writeStock(
  db: DatabaseOrTransaction,
  accountId: string,
  products: readonly ProductStock[],
  now: Date,
): Promise<number> {
  if (products.length === 0) return 0;
  const account = sql`${accountId}::uuid`;
  const cells = products.flatMap((p) => {
    // A record repeating a cell: the last one wins (an upsert cannot touch a row twice).
    const unique = new Map(p.cells.map((c) => [`${c.sizeId}:${c.warehouseId}`, c]));
    return [...unique.values()].map((c) => ({
      product_id: p.productId,
      size_id: c.sizeId,
      warehouse_id: c.warehouseId,
      available: c.available,
      alert_threshold: c.alertThreshold,
    }));
  });
  let written = 0;
  if (cells.length > 0) {
    const upserted = await queryRows(
      db,
      sql`insert into catalog_stock (account_id, ${names(CELL_COLUMNS)}, synced_at)
          select ${account}, ${names(CELL_COLUMNS, "n.")}, ${now.toISOString()}::timestamptz
          from ${recordset(cells, CELL_COLUMNS)}
          on conflict (account_id, product_id, size_id, warehouse_id) do update
          set available = excluded.available, alert_threshold = excluded.alert_threshold,
            synced_at = excluded.synced_at
          where catalog_stock.available is distinct from excluded.available
            or catalog_stock.alert_threshold is distinct from excluded.alert_threshold
          returning 1`,
    );
    written += upserted.length;
  }
  // Cells that no longer exist; products added by this batch have none (a first sync skips it).
  const known = new Set(products.filter((p) => !p.fresh).map((p) => p.productId));
  if (known.size > 0) {
    const keys: readonly Column[] = CELL_COLUMNS.slice(0, 3);
    const deleted = await queryRows(
      db,
      sql`delete from catalog_stock s
          where s.account_id = ${account} and s.product_id = any(${sql.param([...known])}::int[])
            and not exists (
              select 1 from ${recordset(
                cells.filter((c) => known.has(c.product_id)),
                keys,
              )}
              where n.product_id = s.product_id and n.size_id = s.size_id
                and n.warehouse_id = s.warehouse_id)
          returning 1`,
    );
    written += deleted.length;
  }
  // Rewriting a product row only for its hash doubles the table's writes: skip those done.
  const hashes = products
    .filter((p) => !p.hashWritten)
    .map((p) => ({ product_id: p.productId, stock_hash: p.stockHash }));
  if (hashes.length > 0) {
    await queryRows(
      db,
      sql`update catalog_products p set stock_hash = n.stock_hash
          from ${recordset(hashes, [
            ["product_id", "int"],
            ["stock_hash", "text"],
          ])}
          where p.account_id = ${account} and p.product_id = n.product_id`,
    );
  }
  return written;
}
