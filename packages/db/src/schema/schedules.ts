import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts.ts";
import { createdAt, id, updatedAt } from "./columns.ts";
import { feeds } from "./feeds.ts";

/**
 * When each feed is regenerated on its own: every `intervalSeconds`, or on a cron expression in
 * a time zone. pg-boss 10 keeps one cron per queue, so per-feed schedules live here and one
 * `feed.tick` job claims the due rows (`next_run_at <= now()`, `FOR UPDATE SKIP LOCKED`) and
 * advances them in the same transaction: with several worker processes, each slot runs once.
 */
export const feedSchedules = pgTable(
  "feed_schedules",
  {
    id: id(),
    feedId: uuid()
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** `interval` (every `intervalSeconds`) or `cron` (`cron` in `timeZone`). */
    kind: text({ enum: ["interval", "cron"] }).notNull(),
    intervalSeconds: integer(),
    cron: text(),
    /** IANA zone the cron expression is read in (`Europe/Paris`); `UTC` for intervals. */
    timeZone: text().notNull().default("UTC"),
    enabled: boolean().notNull().default(true),
    /** The next slot; a tick claims the row once this has passed. */
    nextRunAt: timestamp({ withTimezone: true }).notNull(),
    /** The slot the last claim fired for, and the job it enqueued. */
    lastRunAt: timestamp({ withTimezone: true }),
    lastJobId: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("feed_schedules_feed_key").on(t.feedId),
    index("feed_schedules_due_idx").on(t.nextRunAt),
    check("feed_schedules_kind_known", sql`${t.kind} in ('interval', 'cron')`),
    check(
      "feed_schedules_kind_complete",
      sql`(${t.kind} = 'interval' and ${t.intervalSeconds} >= 60 and ${t.cron} is null) or (${t.kind} = 'cron' and ${t.cron} is not null and ${t.intervalSeconds} is null)`,
    ),
  ],
);

export type FeedSchedule = typeof feedSchedules.$inferSelect;
