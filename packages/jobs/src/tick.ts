import { type Database, queryRows } from "@comptoir/db";
import type { Logger } from "@comptoir/logger";
import { sql } from "drizzle-orm";
import type { JobQueue } from "./job-queue.ts";
import { type ClaimedSlot, claimDueSchedules } from "./schedules.ts";

/**
 * The `feed.tick` job: claims due schedules and enqueues one `feed.generate` per claimed slot.
 * The enqueue happens after the claim committed: a crash in between loses that one slot (the
 * next slot still fires) rather than ever running a slot twice.
 */
export async function runFeedTick(
  db: Database,
  queue: Pick<JobQueue, "enqueueGenerate">,
  options: { now?: Date; logger?: Logger } = {},
): Promise<ClaimedSlot[]> {
  const claimed = await claimDueSchedules(db, { now: options.now });
  for (const slot of claimed) {
    const jobId = await queue.enqueueGenerate({
      feedId: slot.feedId,
      trigger: "schedule",
      slot: slot.slot.toISOString(),
    });
    if (jobId) {
      await queryRows(
        db,
        sql`update feed_schedules set last_job_id = ${jobId} where id = ${slot.scheduleId}::uuid`,
      );
    }
    options.logger?.info(
      { feedId: slot.feedId, slot: slot.slot.toISOString(), jobId },
      jobId ? "scheduled generation enqueued" : "scheduled generation collapsed into a queued one",
    );
  }
  return claimed;
}
