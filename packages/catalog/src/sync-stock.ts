import type { AccountClient } from "@comptoir/accounts";
import type { HiboutikClient } from "@comptoir/api-client";
import { type DatabaseOrTransaction, queryRows, type Transaction } from "@comptoir/db";
import { sql } from "drizzle-orm";
import { runDetailPass } from "./detail-pass.ts";
import { type MirrorStockCell, stockDigest, toStockCell } from "./map-product.ts";
import { estimateSync } from "./plan.ts";
import { runSync, type SyncContext } from "./run-sync.ts";
import type { SyncOptions, SyncResult } from "./types.ts";
import { writeStock } from "./write-stock.ts";

/** Products compared and written together. */
const STOCK_BATCH = 500;

/**
 * Brings the stock of every product in the mirror up to date with ONE call
 * (`GET /stock_available/all_wh/`, every warehouse). Products the response mentions are set
 * to exactly its cells; products it does not mention, and products the mirror does not know
 * yet (a full sync or a product re-read adds them), are left alone. Note that the client reads
 * this one response whole: for catalogs of tens of thousands of products a full sync, whose
 * pages embed the stock, keeps memory lower. With `options.details` (`defaultSync` asks `auto`)
 * it then reads details still due, e.g. the rest of a first catalog a day at a time.
 */
export async function syncStock(
  db: DatabaseOrTransaction,
  accountClient: AccountClient,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const request = {
    kind: "stock",
    details: options.details ?? "none",
    detailsIncludeHidden: options.detailsIncludeHidden === true,
  } as const;
  const plan = await estimateSync(db, accountClient.account, request, options.now?.());
  return runSync(
    db,
    accountClient,
    {
      kind: "stock",
      title: "A stock sync",
      estimate: plan.estimate,
      run: async (tx, context) => {
        await applyBulkStock(tx, accountClient.client, context);
        await runDetailPass(tx, accountClient, context, request.details, {
          includeHidden: request.detailsIncludeHidden,
        });
      },
    },
    options,
  );
}

/** Reads the bulk stock and writes the cells of products whose stock hash changed. */
export async function applyBulkStock(
  tx: Transaction,
  client: HiboutikClient,
  context: SyncContext,
): Promise<void> {
  const byProduct = new Map<number, MirrorStockCell[]>();
  for await (const page of client.stock.allWarehouses().pages()) {
    for (const record of page.records) {
      if (!record.ok) {
        context.skipped.add(record.error);
        continue;
      }
      const cells = byProduct.get(record.value.productId) ?? [];
      cells.push(toStockCell(record.value));
      byProduct.set(record.value.productId, cells);
    }
  }
  const ids = [...byProduct.keys()].sort((a, b) => a - b);
  for (let start = 0; start < ids.length; start += STOCK_BATCH) {
    const chunk = ids.slice(start, start + STOCK_BATCH);
    const known = await queryRows<{ product_id: number; stock_hash: string }>(
      tx,
      sql`select product_id, stock_hash from catalog_products
          where account_id = ${context.accountId}::uuid
            and product_id = any(${sql.param(chunk)}::int[])`,
    );
    const changed = known.flatMap((row) => {
      const cells = byProduct.get(row.product_id) ?? [];
      const stockHash = stockDigest(cells);
      return stockHash === row.stock_hash ? [] : [{ productId: row.product_id, cells, stockHash }];
    });
    context.counts.stockChanged += await writeStock(tx, context.accountId, changed, context.now);
    context.progress({
      phase: "stock",
      done: Math.min(ids.length, start + STOCK_BATCH),
      total: ids.length,
      products: Math.min(ids.length, start + STOCK_BATCH),
    });
  }
}
