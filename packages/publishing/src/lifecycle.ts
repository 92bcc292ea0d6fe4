import type { DatabaseOrTransaction } from "@comptoir/db";
import { schema } from "@comptoir/db";
import { and, desc, eq, lt } from "drizzle-orm";
import { FeedError } from "./errors.ts";
import { withFeedGenerationLock } from "./lock.ts";
import { resolveFeed } from "./registry.ts";

export interface RollbackResult {
  readonly feedId: string;
  readonly feed: string;
  readonly from: string;
  readonly to: string;
  readonly items: number;
}

/**
 * `feeds rollback FEED`: the URL serves the kept generation created before the live one. Under
 * the generation lock, so it cannot interleave with a publication.
 */
export async function rollbackFeed(
  db: DatabaseOrTransaction,
  ref: string,
): Promise<RollbackResult> {
  const feed = await resolveFeed(db, ref);
  return withFeedGenerationLock(db, feed.id, { wait: false, feedName: feed.name }, async (tx) => {
    const current = await resolveFeed(tx, feed.id);
    const liveId = current.liveGenerationId;
    const [live] =
      liveId === null
        ? []
        : await tx
            .select()
            .from(schema.feedGenerations)
            .where(eq(schema.feedGenerations.id, liveId));
    const [older] = live
      ? await tx
          .select()
          .from(schema.feedGenerations)
          .where(
            and(
              eq(schema.feedGenerations.feedId, feed.id),
              lt(schema.feedGenerations.createdAt, live.createdAt),
            ),
          )
          .orderBy(desc(schema.feedGenerations.createdAt))
          .limit(1)
      : [];
    if (!live || !older) {
      throw new FeedError(
        "NOTHING_TO_ROLL_BACK",
        `Feed "${feed.name}" has no kept generation older than the live one; nothing was changed.`,
      );
    }
    await tx
      .update(schema.feeds)
      .set({ liveGenerationId: older.id, liveSince: new Date() })
      .where(eq(schema.feeds.id, feed.id));
    return { feedId: feed.id, feed: feed.name, from: live.id, to: older.id, items: older.items };
  });
}

/**
 * `feeds rotate-url FEED`: a new token version; every URL handed out before answers not-found.
 * The published file stays; only its address changes.
 */
export async function rotateFeedUrl(
  db: DatabaseOrTransaction,
  ref: string,
): Promise<{ feedId: string; feed: string; urlTokenVersion: number }> {
  const feed = await resolveFeed(db, ref);
  const [row] = await db
    .update(schema.feeds)
    .set({ urlTokenVersion: feed.urlTokenVersion + 1 })
    .where(eq(schema.feeds.id, feed.id))
    .returning({ version: schema.feeds.urlTokenVersion });
  return {
    feedId: feed.id,
    feed: feed.name,
    urlTokenVersion: row?.version ?? feed.urlTokenVersion + 1,
  };
}
