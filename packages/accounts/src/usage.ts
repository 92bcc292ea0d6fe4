import type { CallListener } from "@comptoir/api-client";
import { type DatabaseOrTransaction, queryRows, schema } from "@comptoir/db";
import { and, eq, sql } from "drizzle-orm";

/** The month a call counts against, as Hiboutik resets quotas: `YYYY-MM-01` (UTC). */
export function monthOf(date: Date): string {
  return `${date.toISOString().slice(0, 7)}-01`;
}

/** Adds calls to the account's monthly counters, per endpoint. */
export async function recordUsage(
  db: DatabaseOrTransaction,
  accountId: string,
  callsByEndpoint: Readonly<Record<string, number>>,
  now: Date = new Date(),
): Promise<void> {
  const rows = Object.entries(callsByEndpoint)
    .filter(([, calls]) => calls > 0)
    .map(([endpoint, calls]) => ({ accountId, month: monthOf(now), endpoint, calls }));
  if (rows.length === 0) return;
  await db
    .insert(schema.apiUsage)
    .values(rows)
    .onConflictDoUpdate({
      target: [schema.apiUsage.accountId, schema.apiUsage.month, schema.apiUsage.endpoint],
      set: { calls: sql`${schema.apiUsage.calls} + excluded.calls`, updatedAt: new Date() },
    });
}

export async function callsThisMonth(
  db: DatabaseOrTransaction,
  accountId: string,
  now: Date = new Date(),
): Promise<number> {
  const [row] = await queryRows<{ calls: string | null }>(
    db,
    sql`select sum(${schema.apiUsage.calls})::text as calls from ${schema.apiUsage}
        where ${and(eq(schema.apiUsage.accountId, accountId), eq(schema.apiUsage.month, monthOf(now)))}`,
  );
  return Number(row?.calls ?? 0);
}

/**
 * Collects the calls of one operation in memory (the client's `onCall` hook is synchronous) and
 * writes them in one statement when the operation ends, whatever its outcome.
 */
export function createUsageRecorder(accountId: string) {
  const pending = new Map<string, number>();
  let total = 0;
  const listener: CallListener = (call) => {
    total += 1;
    pending.set(call.endpoint, (pending.get(call.endpoint) ?? 0) + 1);
  };
  return {
    listener,
    /** Calls seen since the recorder was created. */
    get total() {
      return total;
    },
    async flush(db: DatabaseOrTransaction, now: Date = new Date()): Promise<void> {
      if (pending.size === 0) return;
      const batch = Object.fromEntries(pending);
      pending.clear();
      await recordUsage(db, accountId, batch, now);
    },
  };
}

export type UsageRecorder = ReturnType<typeof createUsageRecorder>;
