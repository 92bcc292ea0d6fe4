import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import type { BlobStore } from "@comptoir/storage";
import { inArray } from "drizzle-orm";

/**
 * Deletes blobs of feeds that no longer exist (e.g. after `accounts remove`, whose cascade
 * removes the rows but cannot reach blob storage). Returns how many blobs were deleted.
 */
export async function pruneOrphanedFeedBlobs(
  db: DatabaseOrTransaction,
  store: BlobStore,
): Promise<number> {
  const byFeed = new Map<string, string[]>();
  for await (const blob of store.list("feeds/")) {
    const feedId = blob.key.split("/")[1] ?? "";
    byFeed.set(feedId, [...(byFeed.get(feedId) ?? []), blob.key]);
  }
  const ids = [...byFeed.keys()].filter((id) => UUID.test(id));
  const known = new Set(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: schema.feeds.id })
            .from(schema.feeds)
            .where(inArray(schema.feeds.id, ids))
        ).map((row) => row.id),
  );
  let deleted = 0;
  for (const [feedId, keys] of byFeed) {
    if (!UUID.test(feedId) || known.has(feedId)) continue;
    for (const key of keys) if (await store.delete(key)) deleted++;
  }
  return deleted;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
