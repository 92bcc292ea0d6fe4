import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { feeds } from "./feeds.ts";

/** Marketplace fetcher families told apart by User-Agent; anything else is `other`. */
export const FEED_FETCHERS = [
  "googlebot",
  "facebookexternalhit",
  "bingbot",
  "pinterest",
  "tiktok",
  "idealo",
  "other",
] as const;

/**
 * Fetches of a feed's public URL, aggregated per feed × fetcher family: when each marketplace
 * last fetched, with what result, and how often. The server accumulates fetches in memory and
 * upserts them in batches, so a fetch costs no write on the request path.
 */
export const feedFetches = pgTable(
  "feed_fetches",
  {
    feedId: uuid()
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    fetcher: text({ enum: FEED_FETCHERS }).notNull(),
    firstFetchedAt: timestamp({ withTimezone: true }).notNull(),
    lastFetchedAt: timestamp({ withTimezone: true }).notNull(),
    /** HTTP status of the last fetch (200, 206, 304, 401, …). */
    lastStatus: smallint().notNull(),
    /** Body bytes actually sent by the last fetch (0 for 304 and HEAD). */
    lastBytes: bigint({ mode: "number" }).notNull(),
    /** The last User-Agent of this family, truncated to 256 characters. */
    lastUserAgent: text(),
    fetches: bigint({ mode: "number" }).notNull().default(0),
    /** 2xx with a body (full or partial downloads). */
    downloads: bigint({ mode: "number" }).notNull().default(0),
    notModified: bigint({ mode: "number" }).notNull().default(0),
    /** 4xx and 5xx answers (e.g. a wrong password, the feed not yet published). */
    failures: bigint({ mode: "number" }).notNull().default(0),
    bytesSent: bigint({ mode: "number" }).notNull().default(0),
    /** How long the last fetch took, from the request to the last byte sent. */
    lastDurationMs: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.feedId, t.fetcher] }),
    check(
      "feed_fetches_fetcher_known",
      sql`${t.fetcher} in ('googlebot', 'facebookexternalhit', 'bingbot', 'pinterest', 'tiktok', 'idealo', 'other')`,
    ),
  ],
);

export type FeedFetchRow = typeof feedFetches.$inferSelect;
