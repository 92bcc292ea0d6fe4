import { z } from "zod";

/**
 * The queues, their payloads and their policies. pg-boss stays behind this package (the upgrade
 * to pg-boss 12 on Node 22 should touch nothing else), so callers only see names and payloads.
 */
export const QUEUES = {
  catalogSync: "catalog.sync",
  feedGenerate: "feed.generate",
  feedTick: "feed.tick",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Where a queue's jobs go once every retry failed; its worker records them in `job_dead_letters`. */
export const deadLetterQueue = (queue: QueueName): string => `${queue}.dead`;

export const catalogSyncPayload = z.discriminatedUnion("kind", [
  z.object({ accountId: z.uuid(), kind: z.literal("full") }),
  z.object({ accountId: z.uuid(), kind: z.literal("stock") }),
  z.object({
    accountId: z.uuid(),
    kind: z.literal("products"),
    productIds: z.array(z.number().int().positive()).min(1).max(500),
  }),
]);
export type CatalogSyncPayload = z.infer<typeof catalogSyncPayload>;

export const feedGeneratePayload = z.object({
  feedId: z.uuid(),
  /** What asked for it, recorded on the run: schedule, sync (after a webhook), api, cli. */
  trigger: z.enum(["schedule", "sync", "api", "cli"]),
  /** The schedule slot this generation is for (schedule triggers only). */
  slot: z.iso.datetime().optional(),
});
export type FeedGeneratePayload = z.infer<typeof feedGeneratePayload>;

export const feedTickPayload = z.object({}).loose();

export const PAYLOADS = {
  [QUEUES.catalogSync]: catalogSyncPayload,
  [QUEUES.feedGenerate]: feedGeneratePayload,
  [QUEUES.feedTick]: feedTickPayload,
} as const;

/** Retries with exponential backoff (pg-boss doubles `retryDelay` each attempt when `retryBackoff`). */
export interface RetryPolicy {
  readonly retryLimit: number;
  readonly retryDelay: number;
  readonly retryBackoff: boolean;
  /** A job running longer than this is failed (and retried). */
  readonly expireInSeconds: number;
}

/**
 * `stately`: at most one queued and one running job per singleton key. A burst of triggers for
 * the same key collapses into the queued job, and a trigger that arrives while a job runs still
 * gets one follow-up run, so no change is missed.
 */
export const QUEUE_POLICIES: Record<
  QueueName,
  RetryPolicy & { policy: "standard" | "stately"; deadLetter: boolean }
> = {
  [QUEUES.catalogSync]: {
    policy: "stately",
    retryLimit: 4,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 60 * 60,
    deadLetter: true,
  },
  [QUEUES.feedGenerate]: {
    policy: "stately",
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 60 * 60,
    deadLetter: true,
  },
  [QUEUES.feedTick]: {
    policy: "standard",
    retryLimit: 0,
    retryDelay: 0,
    retryBackoff: false,
    expireInSeconds: 5 * 60,
    deadLetter: false,
  },
};

/**
 * The singleton key of a job: what "the same work" means for collapsing. One product re-read per
 * product (so 50 events for one product make one sync, and events for two products are both
 * honoured), one full or stock sync per account, one generation per feed.
 */
export function singletonKey(queue: QueueName, payload: unknown): string | undefined {
  if (queue === QUEUES.catalogSync) {
    const sync = payload as CatalogSyncPayload;
    return sync.kind === "products"
      ? `${sync.accountId}:products:${[...sync.productIds].sort((a, b) => a - b).join(",")}`
      : `${sync.accountId}:${sync.kind}`;
  }
  if (queue === QUEUES.feedGenerate) return (payload as FeedGeneratePayload).feedId;
  return undefined;
}
