import type { KeyRing } from "@comptoir/auth";
import type { DatabaseOrTransaction } from "@comptoir/db";
import type { Logger } from "@comptoir/logger";
import { lookupPublicFeed } from "@comptoir/publishing";
import type { BlobStore } from "@comptoir/storage";
import { FeedService, type FeedServiceOptions } from "./feed-service.ts";
import { FetchRecorder, type FetchSink } from "./fetch-recorder.ts";

/** What the public feed route needs: the HTTP semantics and the fetch recorder. */
export interface FeedServing {
  readonly service: FeedService;
  readonly recorder: FetchSink;
}

export interface FeedServingOptions {
  readonly db: DatabaseOrTransaction;
  readonly ring: KeyRing;
  readonly blobs: BlobStore;
  readonly logger: Logger;
  readonly cacheTtlMs?: FeedServiceOptions["cacheTtlMs"];
  /** Fetch records are written this often (default 2 s; 0 = only on flush/close). */
  readonly flushEveryMs?: number;
}

export function createFeedServing(options: FeedServingOptions): FeedServing {
  return {
    service: new FeedService({
      lookup: (token, fileName) => lookupPublicFeed(options.db, options.ring, token, fileName),
      blobs: options.blobs,
      ...(options.cacheTtlMs !== undefined ? { cacheTtlMs: options.cacheTtlMs } : {}),
    }),
    recorder: new FetchRecorder({
      db: options.db,
      logger: options.logger,
      ...(options.flushEveryMs !== undefined ? { flushEveryMs: options.flushEveryMs } : {}),
    }),
  };
}
