import { callsThisMonth } from "@comptoir/accounts";
import type { CallEstimate } from "@comptoir/api-client";
import type { DatabaseOrTransaction, schema } from "@comptoir/db";
import { DETAIL_CALLS } from "./cost.ts";
import type { QuotaStatus } from "./types.ts";

/** Above this share of its month, every run warns. */
export const QUOTA_WARNING_SHARE = 0.8;

export async function quotaStatus(
  db: DatabaseOrTransaction,
  account: schema.Account,
  now: Date,
): Promise<QuotaStatus> {
  const used = await callsThisMonth(db, account.id, now);
  const quota = account.monthlyCallQuota;
  const share = quota > 0 ? used / quota : 1;
  return {
    monthlyQuota: quota,
    usedThisMonth: used,
    remaining: Math.max(0, quota - used),
    warning:
      share > QUOTA_WARNING_SHARE
        ? `Account "${account.name}" has used ${used} of its ${quota} Hiboutik API calls this month (${Math.floor(share * 100)} %). Syncs may be refused before the month ends: prefer --products or stock syncs, or buy extra calls in Hiboutik (Sales → Subscriptions).`
        : null,
  };
}

export function describeRefusal(
  account: schema.Account,
  what: string,
  estimate: CallEstimate,
  quota: QuotaStatus,
): string {
  const details = estimate.breakdown[DETAIL_CALLS] ?? 0;
  const including = details > 0 ? ` (${details} of them product details)` : "";
  return (
    `${what} of "${account.name}" needs about ${estimate.calls} Hiboutik API calls${including}, but only ` +
    `${quota.remaining} of the month's ${quota.monthlyQuota} are left (${quota.usedThisMonth} used). ` +
    "Nothing was synced. Wait for next month, buy extra calls in Hiboutik (Sales → Subscriptions), " +
    `${details > 0 ? "read fewer product details (--details N or none), " : ""}` +
    "sync only some products (--products), or run it anyway with --force."
  );
}
