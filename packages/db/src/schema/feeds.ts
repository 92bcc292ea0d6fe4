import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts.ts";
import { createdAt, id, updatedAt } from "./columns.ts";

export const FEED_CHANNELS = [
  "google",
  "google-local",
  "meta",
  "microsoft",
  "pinterest",
  "tiktok",
  "idealo",
  "csv",
] as const;

export const FEED_RUN_OUTCOMES = [
  "running",
  "published",
  "published-with-warnings",
  "refused",
  "failed",
  "dry-run",
] as const;

/**
 * A feed: one account × one channel profile × settings, published at a public URL whose signed
 * token carries `urlTokenVersion` (bumping it revokes every URL handed out before).
 */
export const feeds = pgTable(
  "feeds",
  {
    id: id(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The operator's name for the feed, unique per account (e.g. `google`, `meta-fr`). */
    name: text().notNull(),
    /** The channel as the CLI names it: google, google-local, meta, … csv. */
    channel: text({ enum: FEED_CHANNELS }).notNull(),
    /** The @comptoir/feeds profile id (channel × format), e.g. `google-products-xml`. */
    profile: text().notNull(),
    /** Feed settings as validated by `parseFeedSettings` (input form: defaults re-applied on read). */
    settings: jsonb().notNull(),
    /** Signed into the public URL token; incremented by `rotate-url`. */
    urlTokenVersion: integer().notNull().default(1),
    /** Optional HTTP Basic auth for fetchers: user, and a scrypt hash of the password. */
    basicAuthUser: text(),
    basicAuthPasswordHash: text(),
    /** The generation the public URL serves; null until the first publication. */
    liveGenerationId: uuid().references((): AnyPgColumn => feedGenerations.id, {
      onDelete: "set null",
    }),
    /** When the live generation became live (publication or rollback): the feed's Last-Modified. */
    liveSince: timestamp({ withTimezone: true }),
    /** Published generations kept for rollback and diff (older ones and their blobs are deleted). */
    keepGenerations: integer().notNull().default(5),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("feeds_account_name_key").on(t.accountId, t.name),
    check("feeds_token_version_positive", sql`${t.urlTokenVersion} > 0`),
    check("feeds_keep_generations_positive", sql`${t.keepGenerations} > 0`),
    check(
      "feeds_basic_auth_complete",
      sql`(${t.basicAuthUser} is null) = (${t.basicAuthPasswordHash} is null)`,
    ),
  ],
);

/**
 * One row per generation attempt, written outside the generation's own transaction so failed
 * and refused runs are recorded too. Dry runs are recorded (outcome `dry-run`) with their
 * summary; they write no blob and no generation.
 */
export const feedRuns = pgTable(
  "feed_runs",
  {
    id: id(),
    feedId: uuid()
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    /** What started it: cli, all (generate --all), demo, job, api. */
    trigger: text().notNull(),
    outcome: text({ enum: FEED_RUN_OUTCOMES }).notNull().default("running"),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** The publish gate's reasons (refusals first, then warnings). */
    gateReasons: jsonb().notNull().default([]),
    /** The engine's RunSummary: rule counts with examples, fill rates, output facts. */
    summary: jsonb(),
    items: integer(),
    itemsExcluded: integer(),
    rows: integer(),
    /** The generation this run produced (published runs only). */
    generationId: uuid(),
    /** The live generation the gate compared against (null for a first publication). */
    comparedWithGenerationId: uuid(),
    durationMs: integer(),
    error: text(),
  },
  (t) => [
    index("feed_runs_feed_started_idx").on(t.feedId, t.startedAt),
    check(
      "feed_runs_outcome_known",
      sql`${t.outcome} in ('running', 'published', 'published-with-warnings', 'refused', 'failed', 'dry-run')`,
    ),
  ],
);

/**
 * A published file in blob storage. The last few are kept (for rollback and diff); older rows
 * and their blobs are deleted. Refused runs leave no generation: their blob is deleted at once.
 */
export const feedGenerations = pgTable(
  "feed_generations",
  {
    id: uuid().primaryKey(),
    feedId: uuid()
      .notNull()
      .references((): AnyPgColumn => feeds.id, { onDelete: "cascade" }),
    runId: uuid().notNull(),
    blobKey: text().notNull(),
    /** Bytes as stored (gzip when `gzip`). */
    storedBytes: bigint({ mode: "number" }).notNull(),
    uncompressedBytes: bigint({ mode: "number" }).notNull(),
    /** SHA-256 (hex) of the stored bytes. */
    sha256: text().notNull(),
    /** SHA-256 (hex) of the uncompressed content. */
    contentSha256: text().notNull(),
    gzip: boolean().notNull(),
    /** Of the uncompressed feed, with charset. */
    contentType: text().notNull(),
    items: integer().notNull(),
    rows: integer().notNull(),
    createdAt: createdAt(),
    /** When it first went live (a rollback makes an older one live again; this stays). */
    publishedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("feed_generations_feed_created_idx").on(t.feedId, t.createdAt),
    uniqueIndex("feed_generations_blob_key_key").on(t.blobKey),
  ],
);

export type Feed = typeof feeds.$inferSelect;
export type FeedRunRow = typeof feedRuns.$inferSelect;
export type FeedGeneration = typeof feedGenerations.$inferSelect;
