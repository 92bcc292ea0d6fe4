import type { CallEstimate } from "@comptoir/api-client";
import type { DatabaseOrTransaction, schema } from "@comptoir/db";
import { fullSyncCost, productsSyncCost, stockSyncCost, withDetails } from "./cost.ts";
import { countPendingDetails } from "./detail-pass.ts";
import { type DetailsRequest, detailsCap } from "./details-budget.ts";
import { mirrorFacts } from "./mirror-facts.ts";
import { quotaStatus } from "./quota.ts";
import type { QuotaStatus, SyncKind } from "./types.ts";

/** The detail pass a full or stock sync ends with (see `detailsCap`). */
interface DetailsChoice {
  /** Default: `auto` after a full sync, `none` after a stock sync. */
  readonly details?: DetailsRequest;
  /** Also archived products and products not published on the web. */
  readonly detailsIncludeHidden?: boolean;
}

export type SyncRequest =
  | ({ readonly kind: "full" } & DetailsChoice)
  | { readonly kind: "products"; readonly productIds: readonly number[] }
  | ({ readonly kind: "stock" } & DetailsChoice);

export interface SyncPlan {
  readonly kind: SyncKind;
  /** The run's own calls plus the details it plans to read. */
  readonly estimate: CallEstimate;
  readonly quota: QuotaStatus;
  readonly details: {
    /** Details the run plans to read (a first full sync learns of more once it read the list). */
    readonly planned: number;
    /** Details due now, as the mirror knows them. */
    readonly pending: number;
  };
  /** Whether the run fits in what is left of the month (a run that does not is refused). */
  readonly affordable: boolean;
}

/** The detail pass a request asks for, with its default. */
export function detailsOf(request: SyncRequest): DetailsRequest {
  if (request.kind === "products") return "none";
  return request.details ?? (request.kind === "full" ? "auto" : "none");
}

/**
 * What a sync would cost and whether the month allows it, without calling Hiboutik. A full
 * sync is estimated from the last known catalog size in the mirror (0 products before the
 * first one: that run re-checks once the first page announces the real size), plus the details
 * due within the run's detail budget.
 */
export async function estimateSync(
  db: DatabaseOrTransaction,
  account: schema.Account,
  request: SyncRequest,
  now: Date = new Date(),
): Promise<SyncPlan> {
  const own =
    request.kind === "full"
      ? fullSyncCost(await mirrorFacts(db, account.id))
      : request.kind === "products"
        ? productsSyncCost(new Set(request.productIds).size)
        : stockSyncCost();
  const quota = await quotaStatus(db, account, now);
  const includeHidden = request.kind !== "products" && request.detailsIncludeHidden === true;
  const pending = await countPendingDetails(db, account.id, { includeHidden });
  const cap = detailsCap(
    detailsOf(request),
    Math.max(0, quota.remaining - own.calls),
    quota.monthlyQuota,
  );
  const planned = Math.min(cap, pending);
  const estimate = withDetails(own, planned);
  return {
    kind: request.kind,
    estimate,
    quota,
    details: { planned, pending },
    affordable: estimate.calls <= quota.remaining,
  };
}
