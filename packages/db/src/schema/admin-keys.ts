import { sql } from "drizzle-orm";
import { check, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns.ts";

/** Keys for the admin API. Only a hash is stored; the key itself is shown once, at creation. */
export const adminKeys = pgTable(
  "admin_keys",
  {
    id: id(),
    name: text().notNull(),
    /** The public part of the key, shown in listings and used to find the row. */
    prefix: text().notNull(),
    hash: text().notNull(),
    scopes: text().array().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex("admin_keys_prefix_key").on(table.prefix),
    check("admin_keys_scopes_known", sql`${table.scopes} <@ array['read', 'write']::text[]`),
  ],
);

export type AdminKeyRow = typeof adminKeys.$inferSelect;
