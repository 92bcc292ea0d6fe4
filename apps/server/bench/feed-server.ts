/**
 * The Hono side of the feed benchmark, run as its own process (like nginx) so the load
 * generator does not share its event loop: the real app from createApp, the real feed route
 * over the local-filesystem blob store, request logs at info level (written to /dev/null).
 * The registry lookup is a constant: it sits behind the lookup cache, which is what a 304 hits.
 * It starts as `comptoir serve` does, with the runtime profile applied first.
 *
 *   tsx bench/feed-server.ts BLOB_ROOT BLOB_KEY [LOG_LEVEL]
 *   → prints {"url": …} on stdout, stops on SIGTERM
 */
import { createWriteStream } from "node:fs";
import { createKeyRing, generateKey } from "@comptoir/auth";
import { loadConfig } from "@comptoir/config";
import { applyRuntimeProfile } from "@comptoir/config/runtime";
import { createLogger } from "@comptoir/logger";
import { createLocalFsStore } from "@comptoir/storage";
import { FeedService } from "../src/feeds/feed-service.ts";
import type { FetchSink } from "../src/feeds/fetch-recorder.ts";
import { createApp, startServer } from "../src/index.ts";

applyRuntimeProfile();
const [root, blobKey, logLevel = "info"] = process.argv.slice(2);
if (!root || !blobKey) throw new Error("usage: feed-server.ts BLOB_ROOT BLOB_KEY");

const publishedAt = new Date();
let fetches = 0;
// The recorder's in-memory step (what the route does per request); no database here.
const sink: FetchSink = {
  record: () => {
    fetches += 1;
  },
  flush: async () => {},
  close: async () => {},
};
const service = new FeedService({
  blobs: createLocalFsStore({ root }),
  lookup: async (token, file) =>
    token === "bench" && (file === "google.xml" || file === "google.xml.gz")
      ? {
          kind: "live",
          feedId: "bench",
          generationId: "g1",
          blobKey,
          storedGzip: true,
          wantsGzipFile: file.endsWith(".gz"),
          contentType: "application/xml; charset=utf-8",
          publishedAt,
          basicAuth: null,
        }
      : { kind: "not-found" },
});
const app = createApp({
  db: {} as never,
  logger: createLogger({
    level: logLevel as "info",
    format: "json",
    destination: createWriteStream("/dev/null"),
  }),
  config: loadConfig({}, "/tmp"),
  accountServices: { ring: createKeyRing([generateKey({ id: "bench" })]) },
  feedServing: { service, recorder: sink },
});
const server = await startServer(app, { port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once("SIGTERM", () => {
  void server.close().then(() => {
    process.stderr.write(`feed-server: ${fetches} fetches recorded\n`);
    process.exit(0);
  });
});
