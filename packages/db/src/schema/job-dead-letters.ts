import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { id } from "./columns.ts";

/**
 * Jobs that failed every retry. pg-boss moves them to a dead-letter queue; its worker writes them
 * here, where they outlive pg-boss's own retention and can be listed and replayed.
 */
export const jobDeadLetters = pgTable(
  "job_dead_letters",
  {
    id: id(),
    /** The queue the job failed on (`catalog.sync`, `feed.generate`). */
    queue: text().notNull(),
    jobId: text().notNull(),
    payload: jsonb().notNull(),
    /** The last error, as the handler threw it (message only: no stack, no secrets). */
    error: text(),
    attempts: integer().notNull(),
    failedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("job_dead_letters_queue_failed_idx").on(t.queue, t.failedAt)],
);

export type JobDeadLetter = typeof jobDeadLetters.$inferSelect;
