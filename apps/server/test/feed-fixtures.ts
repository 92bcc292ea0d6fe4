import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { createKeyRing, generateKey } from "@comptoir/auth";
import { loadConfig } from "@comptoir/config";
import { createLogger, type Logger } from "@comptoir/logger";
import type { PublicFeedLookup } from "@comptoir/publishing";
import { type BlobStore, createMemoryStore } from "@comptoir/storage";
import { FeedService } from "../src/feeds/feed-service.ts";
import type { FeedFetch, FetchSink } from "../src/feeds/fetch-recorder.ts";
import { type AppDependencies, createApp } from "../src/index.ts";

/** A feed body big enough for ranges to mean something, with non-ASCII text. */
export function feedXml(label: string, items = 2000): string {
  const rows = Array.from(
    { length: items },
    (_, i) => `<item><g:id>${label}-${i}</g:id><title>Thé vert « Sencha » ${i}</title></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss><channel>${rows.join("\n")}</channel></rss>\n`;
}

export const PUBLISHED_AT = new Date("2026-05-04T10:20:30.000Z");

export class CollectingSink implements FetchSink {
  readonly fetches: FeedFetch[] = [];
  record(fetch: FeedFetch) {
    this.fetches.push(fetch);
  }
  async flush() {}
  async close() {}
}

/**
 * A memory blob store counting reads, and a lookup table standing in for the feed registry:
 * `setLive(token, …)` is "publish", `lookups` counts registry queries.
 */
export async function feedWorld(
  options: { cacheTtlMs?: number; now?: () => number; store?: BlobStore; logger?: Logger } = {},
) {
  const store = options.store ?? createMemoryStore({ now: () => PUBLISHED_AT });
  const counts = { get: 0, head: 0, lookups: 0, verify: 0 };
  const blobs: BlobStore = {
    ...store,
    get: (key, o) => {
      counts.get += 1;
      return store.get(key, o);
    },
    head: (key) => {
      counts.head += 1;
      return store.head(key);
    },
  };
  const table = new Map<string, (file: string) => PublicFeedLookup>();
  const sink = new CollectingSink();
  const service = new FeedService({
    blobs,
    lookup: async (token, file) => {
      counts.lookups += 1;
      return table.get(token)?.(file) ?? { kind: "not-found" };
    },
    cacheTtlMs: options.cacheTtlMs ?? 0,
    ...(options.now ? { now: options.now } : {}),
  });
  const deps: AppDependencies = {
    db: {} as AppDependencies["db"],
    logger: options.logger ?? createLogger({ level: "silent" }),
    config: loadConfig({}, "/tmp"),
    accountServices: { ring: createKeyRing([generateKey({ id: "t1" })]) },
    feedServing: { service, recorder: sink },
  };
  const app = createApp(deps);

  async function putFeed(key: string, text: string, gzip: boolean) {
    const bytes = gzip ? gzipSync(Buffer.from(text)) : Buffer.from(text);
    await store.put(key, Readable.from([bytes]), {
      contentType: "application/xml; charset=utf-8",
      contentEncoding: gzip ? "gzip" : null,
    });
    return bytes;
  }

  function setLive(
    token: string,
    fileName: string,
    live: {
      blobKey: string;
      storedGzip: boolean;
      contentType?: string;
      generationId?: string;
      publishedAt?: Date;
      basicAuth?: { user: string; password: string };
    },
  ) {
    table.set(token, (file) => {
      if (file !== fileName && file !== `${fileName}.gz`) return { kind: "not-found" };
      const auth = live.basicAuth;
      return {
        kind: "live",
        feedId: `feed-${token}`,
        generationId: live.generationId ?? "g1",
        blobKey: live.blobKey,
        storedGzip: live.storedGzip,
        wantsGzipFile: file.endsWith(".gz"),
        contentType: live.contentType ?? "application/xml; charset=utf-8",
        publishedAt: live.publishedAt ?? PUBLISHED_AT,
        basicAuth: auth
          ? {
              user: auth.user,
              verify: (u, p) => {
                counts.verify += 1;
                return u === auth.user && p === auth.password;
              },
            }
          : null,
      };
    });
  }

  function setUnpublished(token: string) {
    table.set(token, () => ({ kind: "not-published", feedId: `feed-${token}` }));
  }

  function revoke(token: string) {
    table.delete(token);
  }

  return { app, store, counts, sink, service, putFeed, setLive, setUnpublished, revoke };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}
