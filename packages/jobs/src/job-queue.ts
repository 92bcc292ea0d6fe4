import type { Database } from "@comptoir/db";
import { schema } from "@comptoir/db";
import type { Logger } from "@comptoir/logger";
import PgBoss from "pg-boss";
import { issuesToDetails, JobError } from "./errors.ts";
import {
  type CatalogSyncPayload,
  deadLetterQueue,
  type FeedGeneratePayload,
  PAYLOADS,
  QUEUE_POLICIES,
  QUEUES,
  type QueueName,
  type RetryPolicy,
  singletonKey,
} from "./queues.ts";
import { sqlExecutor } from "./sql-executor.ts";
import { runFeedTick } from "./tick.ts";

/** What a handler gets besides its payload. */
export interface JobContext {
  readonly jobId: string;
  /** 0 on the first attempt, then 1, 2… on retries. */
  readonly retryCount: number;
  readonly logger: Logger;
}

/**
 * The work itself, injected at worker start: the jobs package knows queues and schedules, the
 * app knows which verbs (catalog sync, feed publishing) run for them.
 */
export interface JobHandlers {
  catalogSync(payload: CatalogSyncPayload, context: JobContext): Promise<void>;
  feedGenerate(payload: FeedGeneratePayload, context: JobContext): Promise<void>;
}

export interface JobQueueOptions {
  readonly db: Database;
  readonly logger: Logger;
  /**
   * `worker` processes run pg-boss's maintenance and cron (the `feed.tick` schedule) and the
   * handlers; `web` processes only enqueue.
   */
  readonly role: "web" | "worker";
  /** How often an idle worker looks for jobs (pg-boss's minimum is 0.5 s). */
  readonly pollingIntervalSeconds?: number;
  /** The cron of the schedule fan-out tick (default every minute); null: no automatic tick. */
  readonly tickCron?: string | null;
  /** Overrides of the retry policies (tests use short delays). */
  readonly retry?: Partial<Record<QueueName, Partial<RetryPolicy>>>;
}

export interface SendOptions {
  /** Wait this long before the job may start: a short debounce lets a burst of events collapse. */
  readonly startAfterSeconds?: number;
}

export interface JobQueue {
  /** Validates and enqueues; null when an identical job was already queued (it collapsed). */
  send<Q extends QueueName>(
    queue: Q,
    payload: unknown,
    options?: SendOptions,
  ): Promise<string | null>;
  enqueueSync(payload: CatalogSyncPayload, options?: SendOptions): Promise<string | null>;
  enqueueGenerate(payload: FeedGeneratePayload, options?: SendOptions): Promise<string | null>;
  /** Starts this process's workers for every queue (worker role only). */
  work(handlers: JobHandlers, options?: { concurrency?: number }): Promise<void>;
  /** Jobs not finished yet (queued, retrying or running), per queue. */
  pending(): Promise<Record<string, number>>;
  /** A job's state, for tests and the admin API. */
  jobState(queue: QueueName, id: string): Promise<string | null>;
  /** Stops fetching; running jobs finish (up to `timeoutMs`), then pg-boss lets go. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/** pg-boss keeps its tables in its own schema, next to ours. */
const BOSS_SCHEMA = "pgboss";

/**
 * Starts pg-boss on our database (PGlite in-process or PostgreSQL), creating its schema and our
 * queues on first use. Safe to call from several processes at once.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { db, logger } = options;
  const worker = options.role === "worker";
  const boss = new PgBoss({
    db: sqlExecutor(db) as PgBoss.Db,
    schema: BOSS_SCHEMA,
    supervise: worker,
    schedule: worker,
    migrate: true,
  });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();
  for (const queue of Object.values(QUEUES)) {
    const policy = { ...QUEUE_POLICIES[queue], ...options.retry?.[queue] };
    if (policy.deadLetter) {
      await boss.createQueue(deadLetterQueue(queue), { name: deadLetterQueue(queue) });
    }
    const settings: PgBoss.Queue = {
      name: queue,
      policy: policy.policy,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelay,
      retryBackoff: policy.retryBackoff,
      expireInSeconds: policy.expireInSeconds,
      ...(policy.deadLetter ? { deadLetter: deadLetterQueue(queue) } : {}),
    };
    // Created once (idempotent across processes), then brought to this release's policy.
    await boss.createQueue(queue, settings);
    await boss.updateQueue(queue, settings);
  }

  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  let stopped = false;

  const send: JobQueue["send"] = async (queue, payload, sendOptions = {}) => {
    const parsed = PAYLOADS[queue].safeParse(payload);
    if (!parsed.success) {
      throw new JobError("INVALID_PAYLOAD", `Invalid ${queue} job.`, {
        details: issuesToDetails(parsed.error.issues),
      });
    }
    const key = singletonKey(queue, parsed.data);
    return boss.send(queue, parsed.data as object, {
      ...(key ? { singletonKey: key } : {}),
      ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
    });
  };

  const queue: JobQueue = {
    send,
    enqueueSync: (payload, sendOptions) => send(QUEUES.catalogSync, payload, sendOptions),
    enqueueGenerate: (payload, sendOptions) => send(QUEUES.feedGenerate, payload, sendOptions),

    async work(handlers, workOptions = {}) {
      if (!worker) throw new Error("Only a worker-role job queue runs handlers.");
      const concurrency = Math.max(1, workOptions.concurrency ?? 1);
      const run =
        <Q extends QueueName>(
          name: Q,
          handler: (payload: never, context: JobContext) => Promise<void>,
        ) =>
        async (jobs: PgBoss.JobWithMetadata<unknown>[]) => {
          for (const job of jobs) {
            const jobLogger = logger.child({ queue: name, jobId: job.id });
            const payload = PAYLOADS[name].parse(job.data);
            try {
              await handler(payload as never, {
                jobId: job.id,
                retryCount: job.retryCount,
                logger: jobLogger,
              });
            } catch (error) {
              // pg-boss retries with backoff, then dead-letters; say so in our logs.
              jobLogger.warn(
                { err: error, retryCount: job.retryCount, retryLimit: job.retryLimit },
                "job failed",
              );
              throw error;
            }
          }
        };
      const workOn = async <Q extends QueueName>(
        name: Q,
        handler: (payload: never, context: JobContext) => Promise<void>,
      ) => {
        for (let i = 0; i < concurrency; i++) {
          await boss.work(
            name,
            { includeMetadata: true, pollingIntervalSeconds, batchSize: 1 },
            run(name, handler),
          );
        }
      };
      await workOn(QUEUES.catalogSync, handlers.catalogSync);
      await workOn(QUEUES.feedGenerate, handlers.feedGenerate);
      await boss.work(QUEUES.feedTick, { pollingIntervalSeconds }, async () => {
        await runFeedTick(db, queue, { logger });
      });
      for (const name of [QUEUES.catalogSync, QUEUES.feedGenerate]) {
        await boss.work(
          deadLetterQueue(name),
          { includeMetadata: true, pollingIntervalSeconds },
          async (jobs: PgBoss.JobWithMetadata<unknown>[]) => {
            for (const job of jobs) await recordDeadLetter(db, logger, name, job);
          },
        );
      }
      if (options.tickCron === null) await boss.unschedule(QUEUES.feedTick);
      else await boss.schedule(QUEUES.feedTick, options.tickCron ?? "* * * * *", {}, { tz: "UTC" });
    },

    async pending() {
      const { rows } = await sqlExecutor(db).executeSql(
        `select name, count(*)::int as n from ${BOSS_SCHEMA}.job
         where state in ('created', 'retry', 'active') group by name`,
      );
      const counts: Record<string, number> = {};
      for (const row of rows as { name: string; n: number }[]) counts[row.name] = row.n;
      return counts;
    },

    async jobState(name, id) {
      const job = await boss.getJobById(name, id, { includeArchive: true });
      return job?.state ?? null;
    },

    async stop(stopOptions = {}) {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, wait: true, timeout: stopOptions.timeoutMs ?? 30_000 });
    },
  };
  return queue;
}

async function recordDeadLetter(
  db: Database,
  logger: Logger,
  queue: QueueName,
  job: PgBoss.JobWithMetadata<unknown>,
): Promise<void> {
  const output = job.output as { message?: unknown } | null;
  const error = typeof output?.message === "string" ? output.message : null;
  await db.insert(schema.jobDeadLetters).values({
    queue,
    jobId: job.id,
    payload: (job.data ?? {}) as object,
    error,
    attempts: job.retryLimit + 1,
  });
  logger.error({ queue, payload: job.data, error }, "job failed every retry: dead-lettered");
}
