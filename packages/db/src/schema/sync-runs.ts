import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts.ts";
import { id } from "./columns.ts";

/**
 * One row per catalog sync attempt, written outside the sync's own transaction so a failed or
 * refused run is recorded even though its changes were rolled back.
 */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: id(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** `full`, `products` (chosen products re-read) or `stock`. */
    kind: text({ enum: ["full", "products", "stock"] }).notNull(),
    /** `running`, `succeeded`, `failed`, `refused` (quota). */
    outcome: text({ enum: ["running", "succeeded", "failed", "refused"] })
      .notNull()
      .default("running"),
    /** `--force`: the quota check was overridden. */
    forced: boolean().notNull().default(false),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    estimatedCalls: integer(),
    callsUsed: integer().notNull().default(0),
    /** Products counted by the run, compared with the mirror by content hash. */
    added: integer().notNull().default(0),
    changed: integer().notNull().default(0),
    removed: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    /** Stock cells (product × size × warehouse) written because they were new or different. */
    stockChanged: integer().notNull().default(0),
    /** Records that failed validation and were left out. */
    skipped: integer().notNull().default(0),
    /** The first skipped records with their reasons (product id, field, value, message). */
    skippedRecords: jsonb().notNull().default([]),
    /** Product details (`GET /products/{id}`) the run's detail pass read. */
    detailsRead: integer().notNull().default(0),
    /** Products whose detail was still never read or out of date when the run ended. */
    detailsPending: integer().notNull().default(0),
    error: text(),
  },
  (t) => [
    index("sync_runs_account_started_idx").on(t.accountId, t.startedAt),
    check("sync_runs_kind_known", sql`${t.kind} in ('full', 'products', 'stock')`),
    check(
      "sync_runs_outcome_known",
      sql`${t.outcome} in ('running', 'succeeded', 'failed', 'refused')`,
    ),
  ],
);

export type SyncRun = typeof syncRuns.$inferSelect;
