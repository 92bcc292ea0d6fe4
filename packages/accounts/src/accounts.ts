import { type Database, type DatabaseOrTransaction, queryRows, schema } from "@comptoir/db";
import { eq, sql } from "drizzle-orm";
import { AccountError } from "./errors.ts";
import { monthOf } from "./usage.ts";

/** What may be shown about an account: everything but its credentials. */
export interface AccountSummary {
  readonly id: string;
  readonly name: string;
  readonly hiboutikAccount: string;
  readonly apiUrl: string | null;
  readonly authKind: "basic" | "oauth";
  readonly status: "pending" | "active" | "disconnected";
  readonly statusReason: string | null;
  readonly monthlyCallQuota: number;
  readonly createdAt: Date;
}

export interface AccountOverview extends AccountSummary {
  readonly callsThisMonth: number;
  readonly lastSync: { readonly at: Date; readonly kind: string; readonly outcome: string } | null;
}

export function summarize(account: schema.Account): AccountSummary {
  return {
    id: account.id,
    name: account.name,
    hiboutikAccount: account.hiboutikAccount,
    apiUrl: account.apiUrl,
    authKind: account.authKind,
    status: account.status,
    statusReason: account.statusReason,
    monthlyCallQuota: account.monthlyCallQuota,
    createdAt: account.createdAt,
  };
}

export async function findAccount(
  db: DatabaseOrTransaction,
  name: string,
): Promise<schema.Account> {
  const [account] = await db.select().from(schema.accounts).where(eq(schema.accounts.name, name));
  if (!account) throw accountNotFound(name);
  return account;
}

function accountNotFound(name: string): AccountError {
  return new AccountError(
    "ACCOUNT_NOT_FOUND",
    `No account named "${name}". \`comptoir accounts list\` shows the accounts; \`comptoir accounts add\` adds one.`,
  );
}

/** Every account with its calls this month and its last sync, by name. */
export async function listAccounts(
  db: DatabaseOrTransaction,
  now: Date = new Date(),
): Promise<AccountOverview[]> {
  const rows = await queryRows<{
    id: string;
    calls: string | null;
    sync_at: string | null;
    sync_kind: string | null;
    sync_outcome: string | null;
  }>(
    db,
    sql`select a.id,
          (select sum(u.calls) from ${schema.apiUsage} u
            where u.account_id = a.id and u.month = ${monthOf(now)})::text as calls,
          r.started_at::text as sync_at, r.kind as sync_kind, r.outcome as sync_outcome
        from ${schema.accounts} a
        left join lateral (
          select started_at, kind, outcome from ${schema.syncRuns} s
          where s.account_id = a.id order by s.started_at desc limit 1
        ) r on true`,
  );
  const extra = new Map(rows.map((row) => [row.id, row]));
  const accounts = await db.select().from(schema.accounts).orderBy(schema.accounts.name);
  return accounts.map((account) => {
    const row = extra.get(account.id);
    return {
      ...summarize(account),
      callsThisMonth: Number(row?.calls ?? 0),
      lastSync:
        row?.sync_at && row.sync_kind && row.sync_outcome
          ? { at: new Date(row.sync_at), kind: row.sync_kind, outcome: row.sync_outcome }
          : null,
    };
  });
}

/** Removes the account and, through the foreign keys, everything derived from it. */
export async function removeAccount(db: Database, name: string): Promise<AccountSummary> {
  const [removed] = await db
    .delete(schema.accounts)
    .where(eq(schema.accounts.name, name))
    .returning();
  if (!removed) throw accountNotFound(name);
  return summarize(removed);
}
