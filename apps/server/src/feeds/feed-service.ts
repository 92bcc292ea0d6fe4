import { createHash } from "node:crypto";
import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { PublicFeedLookup } from "@comptoir/publishing";
import { type BlobInfo, type BlobStore, RangeNotSatisfiableError } from "@comptoir/storage";
import { acceptsGzip } from "./accept-encoding.ts";
import { parseBasicAuth } from "./basic-auth.ts";
import { decideRange, type RangeDecision } from "./byte-range.ts";
import { type Representation, selectRepresentation } from "./representation.ts";
import { TtlCache } from "./ttl-cache.ts";
import { ifRangeHolds, noneMatchHits, notModifiedSince } from "./validators.ts";

export type LiveFeed = Extract<PublicFeedLookup, { kind: "live" }>;
/** `lookupPublicFeed` bound to a database and key ring. */
export type FeedLookupFn = (token: string, fileName: string) => Promise<PublicFeedLookup>;

export interface FeedRequest {
  readonly method: "GET" | "HEAD";
  readonly token: string;
  readonly file: string;
  /** A request header by (case-insensitive) name. */
  header(name: string): string | undefined;
}

type Headers = Record<string, string>;

/** What to answer; the route turns errors into the house error shape and records the fetch. */
export type FeedOutcome =
  /** Unknown, tampered, rotated token, wrong file name: one answer for all (no oracle). */
  | { readonly kind: "not-found" }
  | { readonly kind: "not-published"; readonly feedId: string }
  | { readonly kind: "unauthorized"; readonly feedId: string }
  | { readonly kind: "unsatisfiable"; readonly feedId: string; readonly headers: Headers }
  | {
      readonly kind: "respond";
      readonly feedId: string;
      readonly status: 200 | 206 | 304;
      readonly headers: Headers;
      /** null for HEAD and 304. */
      readonly body: Readable | null;
    };

interface Variant {
  readonly representation: Representation;
  /** What a 304 carries (RFC 9110 §15.4.5: the validators, Cache-Control and Vary). */
  readonly validatorHeaders: Headers;
  /** What a 200 carries, Content-Length included when known. */
  readonly fullHeaders: Headers;
}

interface LiveEntry {
  readonly kind: "live";
  readonly feed: LiveFeed;
  readonly blob: BlobInfo;
  /** [client refuses gzip, client accepts gzip]; null: not servable under this name. */
  readonly variants: readonly [Variant | null, Variant | null];
  /** SHA-256 digests of Authorization headers already verified for this entry. */
  readonly acceptedAuth: Set<string>;
}

type Resolved =
  | LiveEntry
  | { readonly kind: "not-published"; readonly feedId: string }
  | { readonly kind: "not-found" }
  /** The lookup names a blob that is not in storage (pruned since): never cached. */
  | { readonly kind: "blob-missing" };

export interface FeedServiceOptions {
  readonly lookup: FeedLookupFn;
  readonly blobs: BlobStore;
  /**
   * How long a lookup and its blob's details are reused (default 2000 ms). Within it a
   * conditional request is answered from memory alone. See the class comment.
   */
  readonly cacheTtlMs?: number;
  readonly maxCachedFeeds?: number;
  readonly now?: () => number;
}

/**
 * The HTTP semantics of `GET|HEAD /feeds/{token}/{file}`: negotiation, validators, conditional
 * requests, ranges, Basic auth. It never generates anything: it streams the live generation's
 * blob as stored (or gunzipped on the fly for the rare client that refuses gzip).
 *
 * The lookup (one primary-key query) and the blob's details (a stat and a sidecar read) are
 * cached per URL for `cacheTtlMs`, so the common fetch, a conditional request that ends in
 * 304, costs no database or disk work. The cache is not told when a generation is published:
 * with several processes on PostgreSQL there is no cheap shared signal, and a TTL of a couple
 * of seconds bounds the staleness instead. That is harmless: a fetcher polling hours apart sees
 * a new generation at most `cacheTtlMs` late, and the previous generation's blob is kept (for
 * rollback), so a stale entry still streams a complete, consistent file. A rotated token keeps
 * working for at most the TTL. If the blob has gone (pruned), the entry is dropped and the
 * lookup redone once.
 */
export class FeedService {
  readonly #lookup: FeedLookupFn;
  readonly #blobs: BlobStore;
  readonly #cache: TtlCache<Resolved>;

  constructor(options: FeedServiceOptions) {
    this.#lookup = options.lookup;
    this.#blobs = options.blobs;
    this.#cache = new TtlCache({
      ttlMs: options.cacheTtlMs ?? 2000,
      maxEntries: options.maxCachedFeeds ?? 10_000,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** Forgets every cached lookup (e.g. after publishing in this same process). */
  invalidate(): void {
    this.#cache.clear();
  }

  async serve(request: FeedRequest): Promise<FeedOutcome> {
    const first = await this.#serveOnce(request);
    if (first !== "blob-missing") return first;
    const second = await this.#serveOnce(request);
    if (second !== "blob-missing") return second;
    throw new Error("The live generation's blob is missing from storage.");
  }

  async #serveOnce(request: FeedRequest): Promise<FeedOutcome | "blob-missing"> {
    const key = `${request.token}/${request.file}`;
    const entry = await this.#resolve(key, request);
    if (entry.kind === "blob-missing") return "blob-missing";
    if (entry.kind !== "live") return entry;
    const { feed } = entry;
    const feedId = feed.feedId;

    if (feed.basicAuth) {
      // The password check is scrypt (milliseconds of CPU): an Authorization header accepted
      // once is remembered, as a digest, for the life of the cache entry (the TTL).
      const header = request.header("authorization");
      const digest = header ? createHash("sha256").update(header).digest("base64") : "";
      if (!entry.acceptedAuth.has(digest)) {
        const credentials = parseBasicAuth(header);
        if (!credentials || !feed.basicAuth.verify(credentials.user, credentials.password)) {
          return { kind: "unauthorized", feedId };
        }
        if (entry.acceptedAuth.size >= 16) entry.acceptedAuth.clear();
        entry.acceptedAuth.add(digest);
      }
    }

    const variant = entry.variants[acceptsGzip(request.header("accept-encoding")) ? 1 : 0];
    if (!variant) return { kind: "not-found" };
    const { representation: rep } = variant;

    // RFC 9110 §13.2.2: If-None-Match first; If-Modified-Since only when it is absent.
    const ifNoneMatch = request.header("if-none-match");
    const notModified =
      ifNoneMatch !== undefined
        ? noneMatchHits(ifNoneMatch, rep.etag)
        : isPresentAnd(request.header("if-modified-since"), (value) =>
            notModifiedSince(value, feed.publishedAt),
          );
    if (notModified) {
      return {
        kind: "respond",
        feedId,
        status: 304,
        headers: variant.validatorHeaders,
        body: null,
      };
    }

    const range = this.#range(request, rep, feed.publishedAt);
    if (range.kind === "unsatisfiable") {
      return {
        kind: "unsatisfiable",
        feedId,
        headers: { ...variant.validatorHeaders, "Content-Range": `bytes */${rep.length}` },
      };
    }
    const headers: Headers = { ...variant.fullHeaders };
    if (range.kind === "partial") {
      headers["Content-Range"] = `bytes ${range.start}-${range.end}/${rep.length}`;
      headers["Content-Length"] = String(range.end - range.start + 1);
    }
    const status = range.kind === "partial" ? 206 : 200;
    if (request.method === "HEAD") return { kind: "respond", feedId, status, headers, body: null };

    const body = await this.#open(feed.blobKey, rep, range);
    if (body === null) {
      this.#cache.delete(key);
      return "blob-missing";
    }
    return { kind: "respond", feedId, status, headers, body };
  }

  #range(request: FeedRequest, rep: Representation, lastModified: Date): RangeDecision {
    const header = request.header("range");
    if (header === undefined || !rep.ranges || rep.length === null) return { kind: "full" };
    const ifRange = request.header("if-range");
    if (ifRange !== undefined && !ifRangeHolds(ifRange, rep.etag, lastModified)) {
      return { kind: "full" };
    }
    return decideRange(header, rep.length);
  }

  async #resolve(key: string, request: FeedRequest): Promise<Resolved> {
    return this.#cache.get(
      key,
      async (): Promise<Resolved> => {
        const feed = await this.#lookup(request.token, request.file);
        if (feed.kind !== "live") return feed;
        const blob = await this.#blobs.head(feed.blobKey);
        return blob === null ? { kind: "blob-missing" } : liveEntry(feed, blob);
      },
      // Unknown tokens are not cached: anyone can invent them, and they must not evict feeds.
      (value) => value.kind === "live" || value.kind === "not-published",
    );
  }

  async #open(
    blobKey: string,
    rep: Representation,
    range: RangeDecision,
  ): Promise<Readable | null> {
    try {
      const result = await this.#blobs.get(
        blobKey,
        range.kind === "partial" ? { range: { start: range.start, end: range.end } } : {},
      );
      if (result === null) return null;
      if (rep.kind !== "gunzip") return result.body;
      const gunzip = createGunzip();
      // pipeline destroys the file stream when the client goes away mid-download.
      pipeline(result.body, gunzip, () => undefined);
      return gunzip;
    } catch (error) {
      if (error instanceof RangeNotSatisfiableError) return null;
      throw error;
    }
  }
}

function isPresentAnd(value: string | undefined, test: (value: string) => boolean): boolean {
  return value !== undefined && test(value);
}

function liveEntry(feed: LiveFeed, blob: BlobInfo): LiveEntry {
  const stored = {
    storedGzip: feed.storedGzip,
    wantsGzipFile: feed.wantsGzipFile,
    contentType: feed.contentType,
    etag: blob.etag,
    size: blob.size,
  };
  const lastModified = feed.publishedAt.toUTCString();
  // Fetchers revalidate on every fetch anyway; `no-cache` makes caches do the same, so a new
  // generation or a rotated URL takes effect at once, and the 304 answer is cheap. `private`
  // for Basic-auth feeds keeps them out of shared caches.
  const cacheControl = feed.basicAuth ? "private, no-cache" : "public, no-cache";
  const variant = (clientAcceptsGzip: boolean): Variant | null => {
    const representation = selectRepresentation(stored, clientAcceptsGzip);
    if (!representation) return null;
    const validatorHeaders: Headers = {
      ETag: representation.etag,
      "Last-Modified": lastModified,
      "Cache-Control": cacheControl,
      ...(representation.varies ? { Vary: "Accept-Encoding" } : {}),
    };
    const fullHeaders: Headers = {
      ...validatorHeaders,
      "Content-Type": representation.contentType,
      ...(representation.contentEncoding
        ? { "Content-Encoding": representation.contentEncoding }
        : {}),
      ...(representation.length !== null
        ? { "Content-Length": String(representation.length) }
        : {}),
      "Accept-Ranges": representation.ranges ? "bytes" : "none",
      "X-Content-Type-Options": "nosniff",
    };
    return { representation, validatorHeaders, fullHeaders };
  };
  return {
    kind: "live",
    feed,
    blob,
    variants: [variant(false), variant(true)],
    acceptedAuth: new Set(),
  };
}
