import type { DatabaseOrTransaction } from "@comptoir/db";
import type { Logger } from "@comptoir/logger";
import { type SQL, sql } from "drizzle-orm";
import type { FetcherFamily } from "./fetcher-family.ts";

/** One answered fetch of a public feed URL. */
export interface FeedFetch {
  readonly feedId: string;
  readonly fetcher: FetcherFamily;
  readonly at: Date;
  readonly status: number;
  /** Body bytes actually sent. */
  readonly bytes: number;
  readonly userAgent: string | undefined;
  readonly durationMs: number;
}

/** Where the route reports fetches: the batching recorder below, or a test double. */
export interface FetchSink {
  record(fetch: FeedFetch): void;
  /** Writes what is pending. */
  flush(): Promise<void>;
  /** Stops background work after a last flush. */
  close(): Promise<void>;
}

interface Pending {
  feedId: string;
  fetcher: FetcherFamily;
  first: number;
  last: number;
  lastStatus: number;
  lastBytes: number;
  lastUserAgent: string | null;
  lastDurationMs: number;
  fetches: number;
  downloads: number;
  notModified: number;
  failures: number;
  bytesSent: number;
}

export interface FetchRecorderOptions {
  readonly db: DatabaseOrTransaction;
  readonly logger: Logger;
  /** How often pending fetches are written (default 2 s). 0 = only on flush(). */
  readonly flushEveryMs?: number;
}

const USER_AGENT_MAX = 256;
/** Rows per INSERT; beyond that a flush writes several statements. */
const BATCH_ROWS = 500;

/**
 * Accumulates fetches in memory, one entry per feed × fetcher family, and upserts them in
 * batches: a fetch costs a Map update on the request path, never a database write. Memory is
 * bounded by feeds × 7 families whatever the request rate. Fetches of the last interval are
 * lost if the process dies without `close()`; that is the price of keeping writes off the
 * hot path, and acceptable for "when did Google last fetch".
 */
export class FetchRecorder implements FetchSink {
  readonly #db: DatabaseOrTransaction;
  readonly #logger: Logger;
  #pending = new Map<string, Pending>();
  #flushing: Promise<void> = Promise.resolve();
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(options: FetchRecorderOptions) {
    this.#db = options.db;
    this.#logger = options.logger;
    const every = options.flushEveryMs ?? 2000;
    if (every > 0) {
      this.#timer = setInterval(() => void this.flush(), every);
      this.#timer.unref();
    }
  }

  record(fetch: FeedFetch): void {
    const key = `${fetch.feedId}\u0000${fetch.fetcher}`;
    const at = fetch.at.getTime();
    let entry = this.#pending.get(key);
    if (entry === undefined) {
      entry = {
        feedId: fetch.feedId,
        fetcher: fetch.fetcher,
        first: at,
        last: -Infinity,
        lastStatus: 0,
        lastBytes: 0,
        lastUserAgent: null,
        lastDurationMs: 0,
        fetches: 0,
        downloads: 0,
        notModified: 0,
        failures: 0,
        bytesSent: 0,
      };
      this.#pending.set(key, entry);
    }
    entry.first = Math.min(entry.first, at);
    if (at >= entry.last) {
      entry.last = at;
      entry.lastStatus = fetch.status;
      entry.lastBytes = fetch.bytes;
      entry.lastUserAgent = fetch.userAgent?.slice(0, USER_AGENT_MAX) ?? null;
      entry.lastDurationMs = Math.round(fetch.durationMs);
    }
    entry.fetches += 1;
    if (fetch.status === 304) entry.notModified += 1;
    else if (fetch.status >= 400) entry.failures += 1;
    else if (fetch.status >= 200 && fetch.status < 300) entry.downloads += 1;
    entry.bytesSent += fetch.bytes;
  }

  /** Writes everything recorded so far; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  /** Stops the timer and writes what is pending (graceful shutdown). */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.flush();
  }

  async #write(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending.values()];
    this.#pending = new Map();
    // A fixed order keeps row locks in one order across processes: no deadlocks between them.
    batch.sort((a, b) =>
      a.feedId === b.feedId ? a.fetcher.localeCompare(b.fetcher) : a.feedId < b.feedId ? -1 : 1,
    );
    for (let i = 0; i < batch.length; i += BATCH_ROWS) {
      const rows = batch.slice(i, i + BATCH_ROWS);
      try {
        await this.#db.execute(upsert(rows));
      } catch (error) {
        // Losing a few counters is better than retrying forever against a broken database.
        this.#logger.warn({ err: error, rows: rows.length }, "could not record feed fetches");
      }
    }
  }
}

function upsert(rows: readonly Pending[]): SQL {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.feedId}::uuid, ${r.fetcher}, ${new Date(r.first).toISOString()}::timestamptz, ${new Date(r.last).toISOString()}::timestamptz, ${r.lastStatus}::smallint, ${r.lastBytes}::bigint, ${r.lastUserAgent}::text, ${r.lastDurationMs}::integer, ${r.fetches}::bigint, ${r.downloads}::bigint, ${r.notModified}::bigint, ${r.failures}::bigint, ${r.bytesSent}::bigint)`,
    ),
    sql`, `,
  );
  // The "last" columns follow the latest fetch, whichever process or batch saw it.
  const latest = (column: string) =>
    sql.raw(
      `${column} = case when excluded.last_fetched_at >= feed_fetches.last_fetched_at then excluded.${column} else feed_fetches.${column} end`,
    );
  // The join on feeds drops fetches of a feed deleted since (its rows went with it).
  return sql`
    insert into feed_fetches (feed_id, fetcher, first_fetched_at, last_fetched_at, last_status,
      last_bytes, last_user_agent, last_duration_ms, fetches, downloads, not_modified, failures,
      bytes_sent)
    select v.* from (values ${values}) as v(feed_id, fetcher, first_fetched_at, last_fetched_at,
      last_status, last_bytes, last_user_agent, last_duration_ms, fetches, downloads,
      not_modified, failures, bytes_sent)
    join feeds on feeds.id = v.feed_id
    order by v.feed_id, v.fetcher
    on conflict (feed_id, fetcher) do update set
      first_fetched_at = least(feed_fetches.first_fetched_at, excluded.first_fetched_at),
      ${latest("last_status")}, ${latest("last_bytes")}, ${latest("last_user_agent")},
      ${latest("last_duration_ms")},
      last_fetched_at = greatest(feed_fetches.last_fetched_at, excluded.last_fetched_at),
      fetches = feed_fetches.fetches + excluded.fetches,
      downloads = feed_fetches.downloads + excluded.downloads,
      not_modified = feed_fetches.not_modified + excluded.not_modified,
      failures = feed_fetches.failures + excluded.failures,
      bytes_sent = feed_fetches.bytes_sent + excluded.bytes_sent`;
}
