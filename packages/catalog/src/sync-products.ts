import type { AccountClient } from "@comptoir/accounts";
import {
  HiboutikInvalidRecordError,
  HiboutikNotFoundError,
  type Product,
} from "@comptoir/api-client";
import { type DatabaseOrTransaction, queryRows } from "@comptoir/db";
import { sql } from "drizzle-orm";
import { productsSyncCost } from "./cost.ts";
import { CatalogError } from "./errors.ts";
import { toMirrorProduct } from "./map-product.ts";
import { runSync } from "./run-sync.ts";
import type { SyncOptions, SyncResult } from "./types.ts";
import { writeProducts } from "./write-products.ts";

/** Details requested at once (the client's own concurrency limit still applies). */
const DETAILS_AT_ONCE = 10;

/**
 * Re-reads chosen products (`GET /products/{id}` each, one call per product) and writes them
 * with their stock, enabled sizes and images: the product detail is the authority on which
 * sizes are enabled. A product Hiboutik answers 404 for is marked removed. This is what the
 * `product` webhook calls with the product id it received.
 */
export async function syncProducts(
  db: DatabaseOrTransaction,
  accountClient: AccountClient,
  productIds: readonly number[],
  options: SyncOptions = {},
): Promise<SyncResult> {
  const ids = [...new Set(productIds)];
  const invalid = ids.filter((id) => !Number.isSafeInteger(id) || id < 1);
  if (ids.length === 0 || invalid.length > 0) {
    throw new CatalogError(
      "INVALID_SYNC_REQUEST",
      ids.length === 0
        ? "Name at least one product id to sync."
        : `Product ids are whole numbers ≥ 1; got ${invalid.join(", ")}.`,
    );
  }
  const { client } = accountClient;
  return runSync(
    db,
    accountClient,
    {
      kind: "products",
      title:
        ids.length === 1 ? `Re-reading product ${ids[0]}` : `Re-reading ${ids.length} products`,
      estimate: productsSyncCost(ids.length),
      run: async (tx, context) => {
        for (let start = 0; start < ids.length; start += DETAILS_AT_ONCE) {
          const window = ids.slice(start, start + DETAILS_AT_ONCE);
          const read = await Promise.all(window.map((id) => readDetail(client, id)));
          const found: Product[] = [];
          const gone: number[] = [];
          read.forEach((outcome, index) => {
            if (outcome.kind === "found") found.push(outcome.product);
            else if (outcome.kind === "gone") gone.push(window[index] ?? 0);
            else context.skipped.add(outcome.error);
          });
          const counts = await writeProducts(
            tx,
            context.accountId,
            found.map((product) => toMirrorProduct(product, "detail")),
            { now: context.now, source: "detail" },
          );
          context.counts.added += counts.added;
          context.counts.changed += counts.changed;
          context.counts.unchanged += counts.unchanged;
          context.counts.stockChanged += counts.stockChanged;
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
          context.progress({ phase: "products", done, total: ids.length, products: done });
        }
      },
    },
    options,
  );
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
