import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts.ts";
import { id } from "./columns.ts";

/**
 * Every Hiboutik webhook delivery we accepted, as decoded from its form body. Product and stock
 * events are turned into sync jobs at once; sale events wait here for the invoices part
 * (`processedAt` null = not handled yet).
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: id(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** Hiboutik's `webhook_action` as we registered it: `product`, `stock_order`, `sale`, … */
    action: text().notNull(),
    payload: jsonb().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The job it enqueued (null when it was collapsed into a queued one, or for sales). */
    jobId: text(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("webhook_events_account_action_idx").on(t.accountId, t.action, t.receivedAt)],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;
