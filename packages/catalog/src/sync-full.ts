import type { AccountClient } from "@comptoir/accounts";
import type { Page, Product } from "@comptoir/api-client";
import { type DatabaseOrTransaction, queryRows, type Transaction } from "@comptoir/db";
import { sql } from "drizzle-orm";
import { fullSyncCost } from "./cost.ts";
import { runDetailPass } from "./detail-pass.ts";
import { type MirrorProduct, toMirrorProduct } from "./map-product.ts";
import { mirrorFacts } from "./mirror-facts.ts";
import { estimateSync } from "./plan.ts";
import { runSync, type SyncContext } from "./run-sync.ts";
import { skippedId } from "./skipped.ts";
import { syncReference } from "./sync-reference.ts";
import { applyBulkStock } from "./sync-stock.ts";
import type { SyncOptions, SyncResult } from "./types.ts";
import { writeProducts } from "./write-products.ts";

/**
 * Full sync: reads the whole catalog through list endpoints only (products 250 a page, with
 * their stock embedded, then the reference lists) and applies it in ONE transaction, a page at
 * a time: memory holds a bounded batch (and the next page being fetched), never the catalog.
 * Products that disappeared from the POS are marked `removed_at`, never deleted; archived ones keep
 * their POS flag. Unchanged products are not rewritten. The list carries no images, so the run
 * ends with a detail pass (`options.details`, default `auto`: see `detailsCap`) over products
 * whose detail was never read or is out of date, in the same transaction.
 */
export async function syncCatalog(
  db: DatabaseOrTransaction,
  accountClient: AccountClient,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const facts = await mirrorFacts(db, accountClient.account.id);
  const request = {
    kind: "full",
    details: options.details ?? "auto",
    detailsIncludeHidden: options.detailsIncludeHidden === true,
  } as const;
  const plan = await estimateSync(db, accountClient.account, request, options.now?.());
  return runSync(
    db,
    accountClient,
    {
      kind: "full",
      title: "A full sync",
      estimate: plan.estimate,
      run: async (tx, context) => {
        await readProducts(tx, accountClient, context, facts);
        context.progress({ phase: "reference", done: 0, total: null, products: 0 });
        await syncReference(tx, accountClient.client, context);
        await runDetailPass(tx, accountClient, context, request.details, {
          includeHidden: request.detailsIncludeHidden,
        });
      },
    },
    options,
  );
}

/**
 * Products written together: one list page per statement, while the next page is fetched. Two
 * pages a statement halved the statements but measured no faster on either engine (100,000
 * products, catalog bench: 43–47 s on PostgreSQL either way) and peaked ~10 MB higher on PGlite,
 * which parses each statement's JSON inside the process.
 */
const WRITE_BATCH = 250;

async function readProducts(
  tx: Transaction,
  { client }: AccountClient,
  context: SyncContext,
  facts: Parameters<typeof fullSyncCost>[0],
): Promise<void> {
  await queryRows(
    tx,
    sql`create temp table if not exists catalog_sync_seen (product_id int primary key) on commit drop`,
  );
  await queryRows(tx, sql`truncate catalog_sync_seen`);
  const pages = client.products.list().pages()[Symbol.asyncIterator]();
  let products = 0;
  let withoutStock = false;
  let pending: { products: MirrorProduct[]; seen: number[] } = { products: [], seen: [] };
  try {
    let next = pages.next();
    for (;;) {
      const { done, value: page } = await next;
      if (done) break;
      if (page.number === 1 && page.total !== null) {
        context.recheckBudget(fullSyncCost({ ...facts, products: page.total }));
      }
      // Fetch the next page while this one is written (at most two pages in memory).
      next = pages.next();
      next.catch(() => {});
      const batch = mapPage(page, context);
      withoutStock ||= batch.products.some((p) => p.stock === undefined);
      pending.products.push(...batch.products);
      pending.seen.push(...batch.seen);
      if (pending.products.length >= WRITE_BATCH) {
        await applyPage(tx, context, pending.products, pending.seen);
        pending = { products: [], seen: [] };
      }
      products += page.records.length;
      context.progress({
        phase: "products",
        done: page.number,
        total: page.totalPages,
        products,
      });
    }
    await applyPage(tx, context, pending.products, pending.seen);
  } finally {
    await pages.return?.();
  }
  // Only if Hiboutik stops embedding stock in the list: one bulk call for every warehouse.
  if (withoutStock) {
    context.progress({ phase: "stock", done: 0, total: 1, products });
    await applyBulkStock(tx, client, context);
  }
  const removed = await queryRows(
    tx,
    sql`update catalog_products p set removed_at = ${context.now.toISOString()}::timestamptz,
          synced_at = ${context.now.toISOString()}::timestamptz
        where p.account_id = ${context.accountId}::uuid and p.removed_at is null
          and not exists (select 1 from catalog_sync_seen s where s.product_id = p.product_id)
        returning 1`,
  );
  context.counts.removed += removed.length;
}

function mapPage(page: Page<Product>, context: SyncContext) {
  const products: MirrorProduct[] = [];
  const seen: number[] = [];
  for (const record of page.records) {
    if (record.ok) {
      products.push(toMirrorProduct(record.value, "list"));
      seen.push(record.value.id);
    } else {
      context.skipped.add(record.error);
      // A product with bad data still exists on the POS: keep its mirror row as it was.
      const id = skippedId(record.error);
      if (id !== undefined) seen.push(id);
    }
  }
  return { products, seen };
}

async function applyPage(
  tx: Transaction,
  context: SyncContext,
  products: readonly MirrorProduct[],
  seen: readonly number[],
): Promise<void> {
  const counts = await writeProducts(tx, context.accountId, products, {
    now: context.now,
    source: "list",
  });
  context.counts.added += counts.added;
  context.counts.changed += counts.changed;
  context.counts.unchanged += counts.unchanged;
  context.counts.stockChanged += counts.stockChanged;
  if (seen.length > 0) {
    await queryRows(
      tx,
      sql`insert into catalog_sync_seen (product_id)
          select unnest(${sql.param(seen)}::int[]) on conflict do nothing`,
    );
  }
}
