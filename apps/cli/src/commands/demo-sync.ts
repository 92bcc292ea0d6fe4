import { type ClientServices, findAccount, openAccountClient } from "@comptoir/accounts";
import { syncCatalog } from "@comptoir/catalog";
import type { Database } from "@comptoir/db";

/**
 * The demo's catalog sync: a full sync of the demo account into the mirror, then every
 * publishable product's detail (images, enabled sizes), as `comptoir sync demo --full
 * --details all` does: the demo's 1,000 products fit in the month's 10,000 calls in one run, where
 * the default budget would spread a large catalog's details over several. Returns the step's
 * one-line detail.
 */
export async function demoSync(
  db: Database,
  services: ClientServices,
  accountName: string,
): Promise<string> {
  const client = await openAccountClient(db, services, await findAccount(db, accountName));
  const result = await syncCatalog(db, client, { details: "all" });
  const { counts, details } = result;
  return (
    `full sync of "${accountName}" with --details all: ${counts.added} products added, ` +
    `${counts.changed} changed, ${counts.removed} removed, ${counts.skipped} skipped, ` +
    `${counts.stockChanged} stock cells, ${details.read} product details read (images), ` +
    `${details.pending} still due; ` +
    `${result.callsUsed} API calls (estimated ${result.estimatedCalls}, ` +
    `${result.quota.usedThisMonth} of ${result.quota.monthlyQuota} used this month) in ` +
    `${(result.durationMs / 1000).toFixed(1)} s`
  );
}
