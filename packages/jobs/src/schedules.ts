import { type DatabaseOrTransaction, queryRows, schema } from "@comptoir/db";
import cronParser from "cron-parser";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { issuesToDetails, JobError } from "./errors.ts";

/** Shorter intervals would spend a shop's Hiboutik quota and the marketplaces' patience. */
export const MIN_INTERVAL_SECONDS = 60;

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function validCron(expression: string, timeZone: string): boolean {
  try {
    cronParser.parseExpression(expression, { tz: timeZone });
    return true;
  } catch {
    return false;
  }
}

export const scheduleInput = z
  .union([
    z.object({
      everySeconds: z
        .number()
        .int("must be a whole number of seconds")
        .min(MIN_INTERVAL_SECONDS, `must be at least ${MIN_INTERVAL_SECONDS} seconds`)
        .max(31 * 86_400, "must be at most 31 days"),
    }),
    z.object({
      cron: z.string().trim().min(1, "is required"),
      timeZone: z
        .string()
        .trim()
        .default("UTC")
        .refine(validTimeZone, "must be an IANA time zone such as Europe/Paris"),
    }),
  ])
  .superRefine((value, ctx) => {
    if ("cron" in value && !validCron(value.cron, value.timeZone)) {
      ctx.addIssue({
        code: "custom",
        path: ["cron"],
        message: 'must be a cron expression such as "0 6 * * *" (minute hour day month weekday)',
      });
    }
  });

export type ScheduleInput = z.input<typeof scheduleInput>;
export type FeedSchedule = schema.FeedSchedule;

/** The first slot strictly after `after`: the cron's next match in its zone, or the next interval. */
export function nextSlot(
  spec: Pick<FeedSchedule, "kind" | "intervalSeconds" | "cron" | "timeZone" | "nextRunAt">,
  after: Date,
): Date {
  if (spec.kind === "cron") {
    return cronParser
      .parseExpression(spec.cron ?? "", { currentDate: after, tz: spec.timeZone })
      .next()
      .toDate();
  }
  // Intervals keep their phase: slots missed while no worker ran are skipped, not replayed.
  const step = (spec.intervalSeconds ?? MIN_INTERVAL_SECONDS) * 1000;
  const base = spec.nextRunAt.getTime();
  if (base > after.getTime()) return new Date(base);
  const missed = Math.floor((after.getTime() - base) / step) + 1;
  return new Date(base + missed * step);
}

/** Sets (or replaces) a feed's schedule; the first slot is computed from `now`. */
export async function setFeedSchedule(
  db: DatabaseOrTransaction,
  feedId: string,
  input: ScheduleInput,
  options: { now?: Date } = {},
): Promise<FeedSchedule> {
  const parsed = scheduleInput.safeParse(input);
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues);
    throw new JobError(
      "INVALID_SCHEDULE",
      `Invalid schedule: ${details.map((d) => `${d.path || "schedule"} ${d.message}`).join("; ")}. Give either everySeconds, or cron (+ timeZone).`,
      { details },
    );
  }
  const [feed] = await db
    .select({ id: schema.feeds.id, accountId: schema.feeds.accountId })
    .from(schema.feeds)
    .where(eq(schema.feeds.id, feedId));
  if (!feed) throw new JobError("FEED_NOT_FOUND", `No feed with id ${feedId}.`);
  const now = options.now ?? new Date();
  const spec =
    "cron" in parsed.data
      ? {
          kind: "cron" as const,
          cron: parsed.data.cron,
          timeZone: parsed.data.timeZone,
          intervalSeconds: null,
        }
      : {
          kind: "interval" as const,
          intervalSeconds: parsed.data.everySeconds,
          cron: null,
          timeZone: "UTC",
        };
  const first =
    spec.kind === "cron"
      ? nextSlot({ ...spec, nextRunAt: now }, now)
      : new Date(now.getTime() + (spec.intervalSeconds ?? 0) * 1000);
  const [row] = await db
    .insert(schema.feedSchedules)
    .values({ feedId, accountId: feed.accountId, ...spec, enabled: true, nextRunAt: first })
    .onConflictDoUpdate({
      target: schema.feedSchedules.feedId,
      set: { ...spec, enabled: true, nextRunAt: first, updatedAt: now },
    })
    .returning();
  if (!row) throw new Error("The schedule was not written.");
  return row;
}

export async function getFeedSchedule(
  db: DatabaseOrTransaction,
  feedId: string,
): Promise<FeedSchedule | undefined> {
  const [row] = await db
    .select()
    .from(schema.feedSchedules)
    .where(eq(schema.feedSchedules.feedId, feedId));
  return row;
}

/** Removes a feed's schedule; false when it had none. */
export async function removeFeedSchedule(
  db: DatabaseOrTransaction,
  feedId: string,
): Promise<boolean> {
  const removed = await db
    .delete(schema.feedSchedules)
    .where(eq(schema.feedSchedules.feedId, feedId))
    .returning({ id: schema.feedSchedules.id });
  return removed.length > 0;
}

export interface ClaimedSlot {
  readonly scheduleId: string;
  readonly feedId: string;
  readonly accountId: string;
  /** The slot being fired (the row's `next_run_at` when it was claimed). */
  readonly slot: Date;
}

/**
 * Claims the schedules whose slot has come and advances them to their next slot, in one
 * transaction. Rows are locked with `FOR UPDATE SKIP LOCKED`, so concurrent ticks (several
 * worker processes) each get different rows, and a row advanced by one tick is no longer due
 * for the next: every slot is claimed exactly once.
 */
export async function claimDueSchedules(
  db: DatabaseOrTransaction,
  options: { now?: Date; limit?: number } = {},
): Promise<ClaimedSlot[]> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 200;
  return db.transaction(async (tx) => {
    const due = await queryRows<{
      id: string;
      feed_id: string;
      account_id: string;
      kind: "interval" | "cron";
      interval_seconds: number | null;
      cron: string | null;
      time_zone: string;
      next_run_at: string | Date;
    }>(
      tx,
      sql`select id, feed_id, account_id, kind, interval_seconds, cron, time_zone, next_run_at
          from feed_schedules
          where enabled and next_run_at <= ${now.toISOString()}::timestamptz
          order by next_run_at
          limit ${limit}
          for update skip locked`,
    );
    const claimed: ClaimedSlot[] = [];
    for (const row of due) {
      const slot = new Date(row.next_run_at);
      const next = nextSlot(
        {
          kind: row.kind,
          intervalSeconds: row.interval_seconds,
          cron: row.cron,
          timeZone: row.time_zone,
          nextRunAt: slot,
        },
        now,
      );
      await queryRows(
        tx,
        sql`update feed_schedules
            set next_run_at = ${next.toISOString()}::timestamptz,
              last_run_at = ${slot.toISOString()}::timestamptz,
              updated_at = ${now.toISOString()}::timestamptz
            where id = ${row.id}::uuid`,
      );
      claimed.push({ scheduleId: row.id, feedId: row.feed_id, accountId: row.account_id, slot });
    }
    return claimed;
  });
}
