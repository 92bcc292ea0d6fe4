import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns.ts";

/**
 * A connected Hiboutik shop. Everything else (catalog mirror, feeds, invoices) hangs off it and
 * is removed with it. Credentials are stored only as an encrypted envelope (see @comptoir/auth).
 */
export const accounts = pgTable(
  "accounts",
  {
    id: id(),
    /** The operator's name for the account, used on the command line. */
    name: text().notNull(),
    /** The Hiboutik subdomain: `{hiboutikAccount}.hiboutik.com`. */
    hiboutikAccount: text().notNull(),
    /** Overrides `https://{hiboutikAccount}.hiboutik.com/api` (a proxy, the simulator). */
    apiUrl: text(),
    authKind: text({ enum: ["basic", "oauth"] }).notNull(),
    /** `active` or `disconnected` (revoked OAuth consent, refused key): syncing stops until fixed. */
    status: text({ enum: ["active", "disconnected"] })
      .notNull()
      .default("active"),
    statusReason: text(),
    monthlyCallQuota: integer().notNull().default(10_000),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("accounts_name_key").on(table.name),
    check("accounts_quota_positive", sql`${table.monthlyCallQuota} > 0`),
    check("accounts_auth_kind_known", sql`${table.authKind} in ('basic', 'oauth')`),
    check("accounts_status_known", sql`${table.status} in ('active', 'disconnected')`),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
