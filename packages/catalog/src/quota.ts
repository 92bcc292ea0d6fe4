import { callsThisMonth } from "@comptoir/accounts";
import type { DatabaseOrTransaction, schema } from "@comptoir/db";
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
  needed: number,
  quota: QuotaStatus,
): string {
  return (
    `${what} of "${account.name}" needs about ${needed} Hiboutik API calls, but only ` +
    `${quota.remaining} of the month's ${quota.monthlyQuota} are left (${quota.usedThisMonth} used). ` +
    "Nothing was synced. Wait for next month, buy extra calls in Hiboutik (Sales → Subscriptions), " +
    "sync only some products (--products), or run it anyway with --force."
  );
}
