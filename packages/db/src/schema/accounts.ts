import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns.ts";

/**
 * A connected Hiboutik shop. Everything else (catalog mirror, feeds, invoices) hangs off it and
 * is removed with it.
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
    /**
     * The credentials (Basic: user + API key; OAuth: access and refresh tokens), only ever as an
     * AES-256-GCM envelope bound to this row's id (see @comptoir/auth). Null while an OAuth
     * account waits for the shop's consent.
     */
    credentials: text(),
    /** When the OAuth access token expires (plain, so refreshes can be planned without decrypting). */
    tokenExpiresAt: timestamp({ withTimezone: true }),
    /** `pending` (OAuth consent not given yet), `active`, or `disconnected` (revoked, refused key). */
    status: text({ enum: ["pending", "active", "disconnected"] })
      .notNull()
      .default("active"),
    statusReason: text(),
    monthlyCallQuota: integer().notNull().default(10_000),
    /**
     * The secret in this account's webhook URL (`/webhooks/hiboutik/{secret}`; Hiboutik does not
     * sign deliveries): an envelope bound to the row, so the URL can be shown again, and its
     * SHA-256 (hex), which is how a delivery finds its account.
     */
    webhookSecret: text(),
    webhookSecretHash: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("accounts_name_key").on(table.name),
    uniqueIndex("accounts_webhook_secret_hash_key").on(table.webhookSecretHash),
    check("accounts_quota_positive", sql`${table.monthlyCallQuota} > 0`),
    check("accounts_auth_kind_known", sql`${table.authKind} in ('basic', 'oauth')`),
    check("accounts_status_known", sql`${table.status} in ('pending', 'active', 'disconnected')`),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
