import type { AccountClient } from "@comptoir/accounts";
import type { DatabaseOrTransaction } from "@comptoir/db";
import { productsSyncCost } from "./cost.ts";
import { readDetails } from "./detail-pass.ts";
import { CatalogError } from "./errors.ts";
import { runSync } from "./run-sync.ts";
import type { SyncOptions, SyncResult } from "./types.ts";

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
  return runSync(
    db,
    accountClient,
    {
      kind: "products",
      title:
        ids.length === 1 ? `Re-reading product ${ids[0]}` : `Re-reading ${ids.length} products`,
      estimate: productsSyncCost(ids.length),
      run: (tx, context) => readDetails(tx, accountClient, context, ids, "products"),
    },
    options,
  );
}
