/**
 * @comptoir/jobs: background work on pg-boss 10 (in-process on PGlite, across processes on
 * PostgreSQL): the queues and their payloads, enqueue helpers, retry and dead-letter policies,
 * and per-feed schedules fanned out by one tick.
 */
export { JobError, type JobErrorCode } from "./errors.ts";
export {
  type JobContext,
  type JobHandlers,
  type JobQueue,
  type JobQueueOptions,
  type SendOptions,
  startJobQueue,
} from "./job-queue.ts";
export {
  type CatalogSyncPayload,
  catalogSyncPayload,
  deadLetterQueue,
  type FeedGeneratePayload,
  feedGeneratePayload,
  QUEUE_POLICIES,
  QUEUES,
  type QueueName,
  type RetryPolicy,
  singletonKey,
} from "./queues.ts";
export {
  type ClaimedSlot,
  claimDueSchedules,
  type FeedSchedule,
  getFeedSchedule,
  MIN_INTERVAL_SECONDS,
  nextSlot,
  removeFeedSchedule,
  type ScheduleInput,
  scheduleInput,
  setFeedSchedule,
} from "./schedules.ts";
export { type SqlExecutor, sqlExecutor } from "./sql-executor.ts";
export { runFeedTick } from "./tick.ts";
