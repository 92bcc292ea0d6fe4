import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { mirrorFacts, mirrorFeedSource } from "@comptoir/catalog";
import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import {
  decidePublication,
  type FeedSource,
  type FeedTarget,
  type GateReason,
  type GateVerdict,
  generateFeed,
  generationKey,
  getProfile,
  type ProfileId,
  type RunSummary,
} from "@comptoir/feeds";
import type { BlobStore } from "@comptoir/storage";
import { and, desc, eq, ne } from "drizzle-orm";
import { FeedError } from "./errors.ts";
import { withFeedGenerationLock } from "./lock.ts";
import { accountName, feedSettingsOf, resolveFeed } from "./registry.ts";

export type RunOutcome = "published" | "published-with-warnings" | "refused" | "failed" | "dry-run";

export interface GenerateFeedOptions {
  /** Generate, validate and run the gate, but write nothing: no blob, no generation. The run is recorded (outcome dry-run). */
  readonly dryRun?: boolean;
  /** Also write the file here (gunzipped unless the name ends in .gz; gzipped if it does). */
  readonly out?: string;
  /** What started the run, recorded with it: cli, all, demo, job, api. */
  readonly trigger?: string;
  /** Queue behind a generation of the same feed in another process instead of failing with FEED_BUSY. */
  readonly wait?: boolean;
  readonly signal?: AbortSignal;
  /** Products read so far, and the mirror's product count. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface FeedGenerationResult {
  readonly feedId: string;
  readonly feed: string;
  readonly account: string;
  readonly profile: ProfileId;
  readonly runId: string;
  readonly outcome: RunOutcome;
  /** Refusal reasons first, then warnings (for a dry run: what the gate would have said). */
  readonly reasons: readonly GateReason[];
  readonly items: number | null;
  readonly itemsExcluded: number | null;
  /** The new generation when this run published one. */
  readonly generationId: string | null;
  /** The generation the URL serves after the run. */
  readonly liveGenerationId: string | null;
  readonly sha256: string | null;
  readonly storedBytes: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  readonly summary: RunSummary | null;
  /** The live generation the gate compared against (null: first publication, or none reached). */
  readonly comparedWithGenerationId?: string | null;
}

export interface PublishingServices {
  readonly store: BlobStore;
}

/**
 * `comptoir feeds generate FEED`: mirror → generateFeed → a blob under a new generation key →
 * the publish gate against the live generation → publish by switching the live pointer, or
 * keep the live one and record why. At most one generation of a feed runs at a time (advisory
 * lock). A failed generation keeps the previous live file. Throws only for FEED_NOT_FOUND and
 * FEED_BUSY; every other problem is a `failed` result, recorded.
 */
export async function generateFeedRun(
  db: DatabaseOrTransaction,
  services: PublishingServices,
  ref: string,
  options: GenerateFeedOptions = {},
): Promise<FeedGenerationResult> {
  const feed = await resolveFeed(db, ref);
  const account = await accountName(db, feed.accountId);
  const profileId = feed.profile as ProfileId;
  const started = performance.now();
  const runId = randomUUID();
  const trigger = options.trigger ?? "cli";
  const base = { feedId: feed.id, feed: feed.name, account, profile: profileId, runId };
  const dryRun = options.dryRun === true;

  // Recorded before the work and outside its transaction, so failures stay on record.
  await db
    .insert(schema.feedRuns)
    .values({ id: runId, feedId: feed.id, trigger, startedAt: new Date(), outcome: "running" });

  let writtenKey: string | null = null;
  let comparedWith: string | null = null;
  const obsoleteKeys: string[] = [];
  let result: FeedGenerationResult;
  try {
    const work = async (tx: DatabaseOrTransaction): Promise<FeedGenerationResult> => {
      // Re-read under the lock: another process may have published meanwhile.
      const current = await resolveFeed(tx, feed.id);
      const settings = feedSettingsOf(current);
      const profile = getProfile(profileId);
      const previous = await liveSummary(tx, current.liveGenerationId);
      const source = await progressSource(tx, current.accountId, options.onProgress);
      const generationId = randomUUID();
      const key = generationKey(current.id, generationId, profile, settings);
      comparedWith = current.liveGenerationId;
      let target: FeedTarget = { kind: "blob", store: services.store, key };
      let runSettings = settings;
      if (dryRun && options.out) {
        // A dry run writes only the file asked for, compressed as its name says.
        await mkdir(dirname(options.out), { recursive: true });
        target = { kind: "stream", stream: createWriteStream(options.out) };
        runSettings = {
          ...settings,
          output: { ...settings.output, gzip: options.out.endsWith(".gz") },
        };
      } else if (dryRun) {
        target = { kind: "discard" };
      } else {
        writtenKey = key;
      }
      const generated = await generateFeed(source, runSettings, profile, target, {
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const verdict = decidePublication(generated.summary, previous, settings.gate);
      const facts = {
        items: generated.summary.counts.items,
        itemsExcluded: generated.summary.counts.itemsExcluded,
        sha256: generated.summary.output.sha256,
        storedBytes: generated.summary.output.bytes,
        summary: generated.summary,
        durationMs: Math.round(performance.now() - started),
        error: null,
      };
      if (dryRun) {
        return {
          ...base,
          ...facts,
          outcome: "dry-run",
          reasons: verdict.reasons,
          generationId: null,
          liveGenerationId: current.liveGenerationId,
        };
      }
      if (options.out) await copyOut(services.store, key, settings.output.gzip, options.out);
      if (verdict.decision === "refuse") {
        return {
          ...base,
          ...facts,
          outcome: "refused",
          reasons: verdict.reasons,
          generationId: null,
          liveGenerationId: current.liveGenerationId,
        };
      }
      const now = new Date();
      await tx.insert(schema.feedGenerations).values({
        id: generationId,
        feedId: current.id,
        runId,
        blobKey: key,
        storedBytes: generated.summary.output.bytes,
        uncompressedBytes: generated.summary.output.uncompressedBytes,
        sha256: generated.summary.output.sha256,
        contentSha256: generated.summary.output.contentSha256,
        gzip: generated.summary.output.gzip,
        contentType: generated.summary.output.contentType,
        items: generated.summary.counts.items,
        rows: generated.summary.counts.rows,
        createdAt: now,
        publishedAt: now,
      });
      await tx
        .update(schema.feeds)
        .set({ liveGenerationId: generationId, liveSince: now })
        .where(eq(schema.feeds.id, current.id));
      obsoleteKeys.push(
        ...(await pruneGenerations(tx, current.id, generationId, current.keepGenerations)),
      );
      return {
        ...base,
        ...facts,
        outcome: outcomeOf(verdict),
        reasons: verdict.reasons,
        generationId,
        liveGenerationId: generationId,
      };
    };
    result = dryRun
      ? await work(db)
      : await withFeedGenerationLock(
          db,
          feed.id,
          { wait: options.wait === true, feedName: feed.name },
          work,
        );
  } catch (error) {
    obsoleteKeys.length = 0;
    if (writtenKey !== null) await services.store.delete(writtenKey).catch(() => false);
    if (error instanceof FeedError && error.code === "FEED_BUSY") {
      await finishRun(db, runId, { outcome: "failed", error: error.message });
      throw error;
    }
    const [live] = await db
      .select({ live: schema.feeds.liveGenerationId })
      .from(schema.feeds)
      .where(eq(schema.feeds.id, feed.id));
    result = {
      ...base,
      outcome: "failed",
      reasons: [],
      items: null,
      itemsExcluded: null,
      generationId: null,
      liveGenerationId: live?.live ?? null,
      sha256: null,
      storedBytes: null,
      durationMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
      summary: null,
    };
  }
  if (result.outcome === "refused" && writtenKey !== null)
    await services.store.delete(writtenKey).catch(() => false);
  // Old blobs go only once the transaction that unlinked them has committed.
  for (const key of obsoleteKeys) await services.store.delete(key).catch(() => false);
  await finishRun(db, runId, {
    outcome: result.outcome,
    gateReasons: result.reasons,
    summary: result.summary,
    items: result.items,
    itemsExcluded: result.itemsExcluded,
    rows: result.summary?.counts.rows ?? null,
    generationId: result.generationId,
    comparedWithGenerationId: comparedWith,
    durationMs: result.durationMs,
    error: result.error,
  });
  return { ...result, comparedWithGenerationId: comparedWith };
}

/** `feeds generate --all`: every feed (of one account, or all), one after the other. */
export async function generateAllFeeds(
  db: DatabaseOrTransaction,
  services: PublishingServices,
  options: GenerateFeedOptions & { readonly account?: string } = {},
): Promise<FeedGenerationResult[]> {
  const rows = await db
    .select({ id: schema.feeds.id, accountId: schema.feeds.accountId })
    .from(schema.feeds)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.feeds.accountId))
    .where(options.account ? eq(schema.accounts.name, options.account) : undefined)
    .orderBy(schema.accounts.name, schema.feeds.name);
  const results: FeedGenerationResult[] = [];
  for (const row of rows) {
    results.push(await generateFeedRun(db, services, row.id, { trigger: "all", ...options }));
  }
  return results;
}

/** The worst outcome of several runs (for one exit code): failed > refused > warnings > published. */
export function worstOutcome(outcomes: readonly RunOutcome[]): RunOutcome {
  const order: RunOutcome[] = [
    "failed",
    "refused",
    "published-with-warnings",
    "dry-run",
    "published",
  ];
  for (const outcome of order) if (outcomes.includes(outcome)) return outcome;
  return "published";
}

function outcomeOf(verdict: GateVerdict): RunOutcome {
  return verdict.decision === "publish" ? "published" : "published-with-warnings";
}

async function liveSummary(
  db: DatabaseOrTransaction,
  liveGenerationId: string | null,
): Promise<RunSummary | null> {
  if (liveGenerationId === null) return null;
  const [row] = await db
    .select({ summary: schema.feedRuns.summary })
    .from(schema.feedGenerations)
    .innerJoin(schema.feedRuns, eq(schema.feedRuns.id, schema.feedGenerations.runId))
    .where(eq(schema.feedGenerations.id, liveGenerationId));
  return (row?.summary as RunSummary | null | undefined) ?? null;
}

/**
 * Keeps the newest `keep` generations (and the live one, which a rollback may have made older);
 * deletes the other rows and returns their blob keys for deletion after commit.
 */
export async function pruneGenerations(
  tx: DatabaseOrTransaction,
  feedId: string,
  liveId: string,
  keep: number,
): Promise<string[]> {
  const rows = await tx
    .select({ id: schema.feedGenerations.id, blobKey: schema.feedGenerations.blobKey })
    .from(schema.feedGenerations)
    .where(and(eq(schema.feedGenerations.feedId, feedId), ne(schema.feedGenerations.id, liveId)))
    .orderBy(desc(schema.feedGenerations.createdAt));
  const obsolete = rows.slice(Math.max(keep - 1, 0));
  for (const row of obsolete)
    await tx.delete(schema.feedGenerations).where(eq(schema.feedGenerations.id, row.id));
  return obsolete.map((row) => row.blobKey);
}

async function finishRun(
  db: DatabaseOrTransaction,
  runId: string,
  values: Partial<typeof schema.feedRuns.$inferInsert>,
): Promise<void> {
  await db
    .update(schema.feedRuns)
    .set({ ...values, finishedAt: new Date() })
    .where(eq(schema.feedRuns.id, runId));
}

async function progressSource(
  db: DatabaseOrTransaction,
  accountId: string,
  onProgress: GenerateFeedOptions["onProgress"],
): Promise<FeedSource> {
  const source = mirrorFeedSource(db, accountId);
  if (!onProgress) return source;
  const total = (await mirrorFacts(db, accountId)).products;
  return {
    reference: () => source.reference(),
    async *products(options) {
      let done = 0;
      for await (const product of source.products(options)) {
        yield product;
        done++;
        if (done % 250 === 0) onProgress(done, total);
      }
      onProgress(done, total);
    },
  };
}

async function copyOut(store: BlobStore, key: string, storedGzip: boolean, out: string) {
  const blob = await store.get(key);
  if (!blob) throw new Error(`the new generation's blob ${key} vanished before it was copied`);
  await mkdir(dirname(out), { recursive: true });
  const wantsGzip = out.endsWith(".gz");
  const stages = storedGzip === wantsGzip ? [] : storedGzip ? [createGunzip()] : [createGzip()];
  await pipeline([blob.body, ...stages, createWriteStream(out)]);
}
