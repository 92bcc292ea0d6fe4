import type { CallEstimate } from "@comptoir/api-client";
import type { DatabaseOrTransaction, schema } from "@comptoir/db";
import { fullSyncCost, productsSyncCost, stockSyncCost } from "./cost.ts";
import { mirrorFacts } from "./mirror-facts.ts";
import { quotaStatus } from "./quota.ts";
import type { QuotaStatus, SyncKind } from "./types.ts";

export type SyncRequest =
  | { readonly kind: "full" }
  | { readonly kind: "products"; readonly productIds: readonly number[] }
  | { readonly kind: "stock" };

export interface SyncPlan {
  readonly kind: SyncKind;
  readonly estimate: CallEstimate;
  readonly quota: QuotaStatus;
  /** Whether the run fits in what is left of the month (a run that does not is refused). */
  readonly affordable: boolean;
}

/**
 * What a sync would cost and whether the month allows it, without calling Hiboutik. A full
 * sync is estimated from the last known catalog size in the mirror (0 products before the
 * first one: that run re-checks once the first page announces the real size).
 */
export async function estimateSync(
  db: DatabaseOrTransaction,
  account: schema.Account,
  request: SyncRequest,
  now: Date = new Date(),
): Promise<SyncPlan> {
  const estimate =
    request.kind === "full"
      ? fullSyncCost(await mirrorFacts(db, account.id))
      : request.kind === "products"
        ? productsSyncCost(new Set(request.productIds).size)
        : stockSyncCost();
  const quota = await quotaStatus(db, account, now);
  return { kind: request.kind, estimate, quota, affordable: estimate.calls <= quota.remaining };
}
