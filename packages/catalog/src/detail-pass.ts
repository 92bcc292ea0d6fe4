import type { AccountClient } from "@comptoir/accounts";
import {
  HiboutikInvalidRecordError,
  HiboutikNotFoundError,
  type Product,
} from "@comptoir/api-client";
import { type DatabaseOrTransaction, queryRows, type Transaction } from "@comptoir/db";
import { type SQL, sql } from "drizzle-orm";
import { DETAIL_CALLS } from "./cost.ts";
import { type DetailsRequest, detailsCap } from "./details-budget.ts";
import { toMirrorProduct } from "./map-product.ts";
import type { SyncContext } from "./run-sync.ts";
import { stampDetailRead, writeProducts } from "./write-products.ts";

/**
 * Details requested at once: twice the client's default concurrency (5), so its queue never
 * runs dry while a batch is written; the client's own limit still applies.
 */
const DETAILS_AT_ONCE = 10;

/** Which products the detail pass considers: by default only those a feed can publish. */
export interface DetailScope {
  /** Also archived products and products not published on the web. */
  readonly includeHidden?: boolean;
}

/**
 * A product's detail is due when it was never read, or when the list has since shown another
 * POS `updated_at` than the one the last detail read saw. Removed products never are.
 */
function dueWhere(accountId: string, scope: DetailScope): SQL {
  return sql`account_id = ${accountId}::uuid and removed_at is null
    and (detail_read_at is null or pos_updated_at is distinct from detail_pos_updated_at)
    ${scope.includeHidden ? sql`` : sql`and not archived and published_on_web`}`;
}

export async function countPendingDetails(
  db: DatabaseOrTransaction,
  accountId: string,
  scope: DetailScope = {},
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from catalog_products where ${dueWhere(accountId, scope)}`,
  );
  return row?.n ?? 0;
}

/** Never read first, then the most recently changed on the POS (its text sorts by time). */
async function pendingDetailIds(
  tx: Transaction,
  accountId: string,
  limit: number,
  scope: DetailScope,
): Promise<number[]> {
  const rows = await queryRows<{ product_id: number }>(
    tx,
    sql`select product_id from catalog_products where ${dueWhere(accountId, scope)}
        order by (detail_read_at is null) desc, pos_updated_at desc nulls last, product_id
        limit ${Number.isFinite(limit) ? limit : null}`,
  );
  return rows.map((row) => row.product_id);
}

/**
 * The detail pass that follows a full or stock sync: reads the details due (images, enabled
 * sizes) within the run's budget, in the run's transaction. `auto` is re-computed from the calls
 * actually left once the run's own calls are made; an explicit number or `all` re-checks the
 * month (refused unless forced) now that the number due is known.
 */
export async function runDetailPass(
  tx: Transaction,
  accountClient: AccountClient,
  context: SyncContext,
  request: DetailsRequest,
  scope: DetailScope,
): Promise<void> {
  const { account } = accountClient;
  const cap = detailsCap(request, context.callsLeft(), account.monthlyCallQuota);
  if (cap <= 0) return;
  const ids = await pendingDetailIds(tx, context.accountId, cap, scope);
  if (ids.length === 0) return;
  if (request !== "auto") {
    const calls = context.callsUsed() + ids.length;
    context.recheckBudget({ calls, breakdown: { [DETAIL_CALLS]: ids.length } });
  }
  await readDetails(tx, accountClient, context, ids, "details");
}

/**
 * Reads `ids`' details, a window at a time (in parallel up to the client's concurrency), and
 * writes them: found ones as the authority on sizes and images, 404s marked removed, invalid
 * ones skipped with their reasons. Every product read is stamped as read, changed or not.
 */
export async function readDetails(
  tx: Transaction,
  { client }: AccountClient,
  context: SyncContext,
  ids: readonly number[],
  phase: "products" | "details",
): Promise<void> {
  for (let start = 0; start < ids.length; start += DETAILS_AT_ONCE) {
    const window = ids.slice(start, start + DETAILS_AT_ONCE);
    const read = await Promise.all(window.map((id) => readDetail(client, id)));
    const found: Product[] = [];
    const gone: number[] = [];
    const invalid: number[] = [];
    read.forEach((outcome, index) => {
      const id = window[index] ?? 0;
      if (outcome.kind === "found") found.push(outcome.product);
      else if (outcome.kind === "gone") gone.push(id);
      else {
        context.skipped.add(outcome.error);
        invalid.push(id);
      }
    });
    context.details.read += window.length;
    const counts = await writeProducts(
      tx,
      context.accountId,
      found.map((product) => toMirrorProduct(product, "detail")),
      { now: context.now, source: "detail" },
    );
    // A pass's products were already counted by the list it follows; only re-reads count them.
    if (phase === "products") {
      context.counts.added += counts.added;
      context.counts.changed += counts.changed;
      context.counts.unchanged += counts.unchanged;
    }
    context.counts.stockChanged += counts.stockChanged;
    // Re-reading an invalid record until it changes on the POS would only spend calls.
    await stampDetailRead(tx, context, invalid);
    if (gone.length > 0) {
      const removed = await queryRows(
        tx,
        sql`update catalog_products
            set removed_at = ${context.now.toISOString()}::timestamptz,
              synced_at = ${context.now.toISOString()}::timestamptz
            where account_id = ${context.accountId}::uuid and removed_at is null
              and product_id = any(${sql.param(gone)}::int[])
            returning 1`,
      );
      context.counts.removed += removed.length;
    }
    const done = Math.min(ids.length, start + DETAILS_AT_ONCE);
    context.progress({ phase, done, total: ids.length, products: done });
  }
}

type DetailOutcome =
  | { readonly kind: "found"; readonly product: Product }
  | { readonly kind: "gone" }
  | { readonly kind: "invalid"; readonly error: HiboutikInvalidRecordError };

async function readDetail(
  client: AccountClient["client"],
  productId: number,
): Promise<DetailOutcome> {
  try {
    return { kind: "found", product: await client.products.get(productId) };
  } catch (error) {
    if (error instanceof HiboutikNotFoundError) return { kind: "gone" };
    if (error instanceof HiboutikInvalidRecordError) return { kind: "invalid", error };
    throw error;
  }
}
