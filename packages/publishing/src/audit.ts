import { mirrorFeedSource } from "@comptoir/catalog";
import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import {
  auditFeed,
  decidePublication,
  diffSummaries,
  type FeedAudit,
  type GateVerdict,
  getProfile,
  type ProfileId,
  type RunSummary,
  type SummaryDiff,
} from "@comptoir/feeds";
import { eq } from "drizzle-orm";
import { accountName, feedSettingsOf, resolveFeed } from "./registry.ts";

export interface FeedAuditReport extends FeedAudit {
  readonly feedId: string;
  readonly feed: string;
  readonly account: string;
  readonly profile: ProfileId;
  /** What changed against the live generation's run (null before the first publication). */
  readonly diff: SummaryDiff | null;
  readonly liveGenerationId: string | null;
  /** What the publish gate would decide for this run now. */
  readonly gate: GateVerdict;
}

/**
 * `feeds audit FEED`: a full run over the mirror that writes nothing (no blob, no run): rule
 * counts, fill rates, excluded items with reasons, and the diff against the live generation.
 */
export async function auditFeedRun(
  db: DatabaseOrTransaction,
  ref: string,
  options: { readonly excludedLimit?: number; readonly signal?: AbortSignal } = {},
): Promise<FeedAuditReport> {
  const feed = await resolveFeed(db, ref);
  const settings = feedSettingsOf(feed);
  const audit = await auditFeed(
    mirrorFeedSource(db, feed.accountId),
    settings,
    getProfile(feed.profile as ProfileId),
    options,
  );
  let live: RunSummary | null = null;
  if (feed.liveGenerationId !== null) {
    const [row] = await db
      .select({ summary: schema.feedRuns.summary })
      .from(schema.feedGenerations)
      .innerJoin(schema.feedRuns, eq(schema.feedRuns.id, schema.feedGenerations.runId))
      .where(eq(schema.feedGenerations.id, feed.liveGenerationId));
    live = (row?.summary as RunSummary | null | undefined) ?? null;
  }
  return {
    ...audit,
    feedId: feed.id,
    feed: feed.name,
    account: await accountName(db, feed.accountId),
    profile: feed.profile as ProfileId,
    diff: live ? diffSummaries(live, audit.summary) : null,
    liveGenerationId: feed.liveGenerationId,
    gate: decidePublication(audit.summary, live, settings.gate),
  };
}
