import { date, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts.ts";
import { updatedAt } from "./columns.ts";

/**
 * Hiboutik API calls made per account, month and endpoint pattern (ids collapsed, e.g.
 * `/products/:id`). Hiboutik allows about 10,000 calls a month per shop; this is what
 * `accounts list` and the quota checks read.
 */
export const apiUsage = pgTable(
  "api_usage",
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** First day of the month (UTC). */
    month: date({ mode: "string" }).notNull(),
    endpoint: text().notNull(),
    calls: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.month, table.endpoint] })],
);
