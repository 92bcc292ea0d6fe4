import { openBlobStore } from "@comptoir/storage";
import { z } from "@hono/zod-openapi";
import type { App, AppDependencies } from "../app.ts";
import { ApiError } from "../errors.ts";
import { BASIC_CHALLENGE } from "../feeds/basic-auth.ts";
import { countedWebStream } from "../feeds/counted-stream.ts";
import { type FeedAnswer, recordFetch, registerFeedFastPath } from "../feeds/fast-path.ts";
import { createFeedServing, type FeedServing } from "../feeds/feed-serving.ts";
import { alreadySent, nodeResponseOf, writeNodeResponse } from "../feeds/node-response.ts";
import { onAppClose } from "../lifecycle.ts";

/** One message for every unknown, tampered, rotated or misspelt feed URL: no oracle. */
const NOT_FOUND =
  "There is no feed at this address. Check the URL, or get the current one with `comptoir feeds url FEED`.";
/** Seconds a fetcher should wait before retrying a feed that has not been published yet. */
const RETRY_AFTER_SECONDS = "300";

/**
 * `GET|HEAD /feeds/{token}/{file}`: the public feed URLs marketplaces fetch. The HTTP semantics
 * live in `feeds/feed-service.ts`; this adapter maps them onto the app's error contract and
 * records every answer for the feed's fetch summary. Hono routes HEAD to GET handlers (and
 * drops the body); the service opens no blob for HEAD.
 */
export function registerFeedRoutes(app: App, deps: AppDependencies): void {
  const serving: FeedServing =
    deps.feedServing ??
    createFeedServing({
      db: deps.db,
      ring: deps.accountServices.ring,
      blobs: deps.blobs ?? openBlobStore(deps.config),
      logger: deps.logger,
    });
  onAppClose(app, () => serving.recorder.close());
  const { service, recorder } = serving;

  // Documented in the OpenAPI document; served by a plain route (no validation layer on the
  // hottest path of the service).
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/feeds/{token}/{file}",
    summary:
      "A published feed (also HEAD): plain names gzip-negotiated, .gz names the compressed file; ETag/Last-Modified with 304, single byte ranges, optional Basic auth",
    tags: ["public"],
    request: {
      params: z.object({
        token: z.string().openapi({ description: "The feed's signed URL token" }),
        file: z.string().openapi({ example: "google.xml" }),
      }),
    },
    responses: {
      200: { description: "The live generation" },
      206: { description: "One byte range of it" },
      304: { description: "Not modified (If-None-Match / If-Modified-Since)" },
      401: { description: "The feed needs its user and password (Basic)" },
      404: { description: "No feed at this address (unknown, rotated or tampered token)" },
      416: { description: "The range starts past the end" },
      503: { description: "Not published yet (Retry-After)" },
    },
  });

  // GET answers that succeed are written from Node's request listener (see fast-path.ts);
  // they are logged like the app's request logs, at debug (see below).
  registerFeedFastPath(app, service, recorder, (answer: FeedAnswer, request) => {
    if (!deps.logger.isLevelEnabled("debug")) return;
    deps.logger.debug(
      {
        requestId: request.id,
        method: "GET",
        path: `/feeds/…/${request.file}`,
        status: answer.status,
        ms: Math.round(performance.now() - answer.started),
        userAgent: answer.userAgent,
      },
      "request",
    );
  });

  app.get("/feeds/:token/:file", async (c) => {
    const started = performance.now();
    const at = new Date();
    const userAgent = c.req.header("user-agent");
    const record = (feedId: string, status: number, bytes: number) =>
      recordFetch(recorder, { feedId, status, at, started, userAgent }, bytes);

    const outcome = await service.serve({
      method: c.req.method === "HEAD" ? "HEAD" : "GET",
      token: c.req.param("token"),
      file: c.req.param("file"),
      header: (name) => c.req.header(name),
    });

    switch (outcome.kind) {
      case "not-found":
        throw new ApiError("NOT_FOUND", NOT_FOUND);
      case "not-published":
        record(outcome.feedId, 503, 0);
        throw new ApiError(
          "UNAVAILABLE",
          "This feed has not been published yet; it will be after its first successful generation.",
          { headers: { "Retry-After": RETRY_AFTER_SECONDS, "Cache-Control": "no-store" } },
        );
      case "unauthorized":
        record(outcome.feedId, 401, 0);
        throw new ApiError("UNAUTHORIZED", "This feed needs the user and password set for it.", {
          headers: { "WWW-Authenticate": BASIC_CHALLENGE, "Cache-Control": "no-store" },
        });
      case "unsatisfiable":
        record(outcome.feedId, 416, 0);
        throw new ApiError(
          "RANGE_NOT_SATISFIABLE",
          "The requested range is past the end of the feed.",
          {
            headers: outcome.headers,
          },
        );
      case "respond": {
        const { feedId, status, headers, body } = outcome;
        // Answered fetches are counted in feed_fetches; at info, a crawler's burst of 304s would
        // be thousands of log lines a second (and half the cost of a 304). Errors stay at info.
        c.set("requestLogLevel", "debug");
        const done = (bytes: number) => record(feedId, status, bytes);
        // HEAD stays on Hono's path: Hono re-wraps HEAD answers, which would undo "already sent".
        const outgoing = c.req.method === "GET" ? nodeResponseOf(c.env) : null;
        if (outgoing !== null) {
          const all = { ...headers, "X-Request-Id": c.get("requestId") };
          writeNodeResponse(outgoing, status, all, body, done);
          return alreadySent(status);
        }
        if (body === null) {
          done(0);
          return c.body(null, status, headers);
        }
        // A body only comes with 200 or 206.
        return c.body(countedWebStream(body, done), status as 200 | 206, headers);
      }
    }
  });
}
