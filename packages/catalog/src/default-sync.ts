import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { and, eq, max } from "drizzle-orm";
import type { SyncRequest } from "./plan.ts";

/** A full sync older than this is due again when no kind is asked for. */
export const FULL_SYNC_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface DefaultSync {
  readonly request: Extract<SyncRequest, { kind: "full" } | { kind: "stock" }>;
  /** Why this kind, for the person (or log) that asked for "a sync". */
  readonly reason: string;
}

/**
 * What "sync this account" means when no kind is named: a full sync when the mirror was never
 * fully synced or its last full sync is more than a day old, otherwise the stock alone (one
 * call). Hiboutik has no "changed since" filter, so finding products changed by `updated_at`
 * costs the same list pages as a full sync, which rewrites only what changed; doing it at most
 * daily keeps a shop of 3,000 products near 750 calls a month, stock refreshes included.
 * Webhooks (`syncProducts`) bring single product changes sooner. Both kinds end with an `auto`
 * detail pass (images, enabled sizes; see `detailsCap`): the details a first catalog could not
 * afford in one run are read over the following runs, then only products changed on the POS.
 */
export async function defaultSync(
  db: DatabaseOrTransaction,
  accountId: string,
  now: Date = new Date(),
): Promise<DefaultSync> {
  const runs = schema.syncRuns;
  const [row] = await db
    .select({ last: max(runs.startedAt) })
    .from(runs)
    .where(
      and(eq(runs.accountId, accountId), eq(runs.kind, "full"), eq(runs.outcome, "succeeded")),
    );
  const last = row?.last ?? null;
  if (!last) {
    return {
      request: { kind: "full", details: "auto" },
      reason: "the mirror was never fully synced",
    };
  }
  if (now.getTime() - last.getTime() > FULL_SYNC_MAX_AGE_MS) {
    return {
      request: { kind: "full", details: "auto" },
      reason: `the last full sync (${last.toISOString()}) is more than a day old`,
    };
  }
  return {
    request: { kind: "stock", details: "auto" },
    reason: `the last full sync (${last.toISOString()}) is less than a day old: stock only`,
  };
}
