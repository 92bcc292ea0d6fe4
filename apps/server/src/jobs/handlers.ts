import { type ClientServices, openAccountClient } from "@comptoir/accounts";
import { syncCatalog, syncProducts, syncStock } from "@comptoir/catalog";
import { type Database, schema } from "@comptoir/db";
import type { FeedGeneratePayload, JobContext, JobHandlers, JobQueue } from "@comptoir/jobs";
import { FeedError, generateFeedRun } from "@comptoir/publishing";
import type { BlobStore } from "@comptoir/storage";
import { eq } from "drizzle-orm";

export interface WorkerDependencies {
  readonly db: Database;
  readonly accountServices: ClientServices;
  readonly blobs: BlobStore;
  readonly queue: Pick<JobQueue, "enqueueGenerate">;
  /** Replaces the publishing verb (tests record generations instead of writing files). */
  readonly generateFeed?: (payload: FeedGeneratePayload, context: JobContext) => Promise<void>;
}

/**
 * What the worker runs for each queue: the same verbs as the CLI (`comptoir sync`, `comptoir
 * feeds generate`), so a job and a command do the same thing.
 */
export function createJobHandlers(deps: WorkerDependencies): JobHandlers {
  const { db } = deps;
  const generate =
    deps.generateFeed ??
    (async (payload: FeedGeneratePayload, context: JobContext) => {
      try {
        // `wait`: a generation started elsewhere (CLI, another worker) finishes first.
        const result = await generateFeedRun(db, { store: deps.blobs }, payload.feedId, {
          trigger: payload.trigger === "api" ? "api" : "job",
          wait: true,
        });
        context.logger.info(
          { feed: result.feed, outcome: result.outcome, runId: result.runId },
          "feed generated",
        );
        // Failed runs are recorded and keep the live file; the job is retried with backoff.
        if (result.outcome === "failed") throw new Error(result.error ?? "The generation failed.");
      } catch (error) {
        if (error instanceof FeedError && error.code === "FEED_NOT_FOUND") {
          context.logger.info({ feedId: payload.feedId }, "feed removed before its generation");
          return;
        }
        throw error;
      }
    });

  return {
    async catalogSync(payload, context) {
      const [account] = await db
        .select()
        .from(schema.accounts)
        .where(eq(schema.accounts.id, payload.accountId));
      if (!account) {
        context.logger.info({ accountId: payload.accountId }, "account removed before its sync");
        return;
      }
      const client = await openAccountClient(db, deps.accountServices, account);
      const result =
        payload.kind === "full"
          ? await syncCatalog(db, client)
          : payload.kind === "stock"
            ? await syncStock(db, client)
            : await syncProducts(db, client, payload.productIds);
      const { added, changed, removed, stockChanged } = result.counts;
      context.logger.info(
        { account: account.name, kind: payload.kind, counts: result.counts },
        "catalog synced",
      );
      if (added + changed + removed + stockChanged === 0) return;
      // The mirror changed: every feed of the account is regenerated (collapsed per feed).
      const feeds = await db
        .select({ id: schema.feeds.id })
        .from(schema.feeds)
        .where(eq(schema.feeds.accountId, account.id));
      for (const feed of feeds) {
        await deps.queue.enqueueGenerate({ feedId: feed.id, trigger: "sync" });
      }
    },
    feedGenerate: generate,
  };
}
