import type { DatabaseOrTransaction } from "@comptoir/db";
import { schema } from "@comptoir/db";
import { asc, desc, eq } from "drizzle-orm";
import type { FetcherFamily } from "./fetcher-family.ts";

export interface FeedFetchSummaryRow {
  readonly fetcher: FetcherFamily;
  readonly firstFetchedAt: Date;
  readonly lastFetchedAt: Date;
  readonly lastStatus: number;
  readonly lastBytes: number;
  readonly lastUserAgent: string | null;
  readonly lastDurationMs: number | null;
  readonly fetches: number;
  readonly downloads: number;
  readonly notModified: number;
  readonly failures: number;
  readonly bytesSent: number;
}

/**
 * Who fetched a feed's public URL: one row per fetcher family (googlebot, facebookexternalhit,
 * bingbot, pinterest, tiktok, idealo, other) with its last fetch and counts, most recent first.
 * Fetches reach the table in batches, so the last couple of seconds may not be there yet.
 */
export async function feedFetchSummary(
  db: DatabaseOrTransaction,
  feedId: string,
): Promise<FeedFetchSummaryRow[]> {
  const t = schema.feedFetches;
  const rows = await db
    .select()
    .from(t)
    .where(eq(t.feedId, feedId))
    .orderBy(desc(t.lastFetchedAt), asc(t.fetcher));
  return rows.map(({ feedId: _feedId, ...row }) => row);
}
