import { AccountError, findAccount } from "@comptoir/accounts";
import { schema } from "@comptoir/db";
import {
  getFeedSchedule,
  JobError,
  removeFeedSchedule,
  type ScheduleInput,
  scheduleInput,
  setFeedSchedule,
} from "@comptoir/jobs";
import {
  addFeed,
  FeedError,
  type FeedErrorCode,
  feedPublicUrl,
  listFeeds,
  removeFeed,
  resolveFeed,
  rollbackFeed,
  rotateFeedUrl,
  setFeed,
  showFeed,
} from "@comptoir/publishing";
import { openBlobStore } from "@comptoir/storage";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { desc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { type App, validationHook } from "../../app.ts";
import { ApiError, type ErrorCode } from "../../errors.ts";
import { type AdminEnv, requireScope } from "../../middleware/admin-auth.ts";
import { adminErrorResponses, errorSchema, notFoundResponse } from "../../schemas.ts";

/**
 * Admin API for feeds, their runs, and syncs: the same verbs as `comptoir feeds …` and
 * `comptoir sync`. Generation and sync are queued (202), never run inside the request.
 */

const FEED_ERRORS: Record<FeedErrorCode, ErrorCode> = {
  INVALID_FEED: "BAD_REQUEST",
  FEED_EXISTS: "CONFLICT",
  FEED_NOT_FOUND: "NOT_FOUND",
  FEED_AMBIGUOUS: "CONFLICT",
  FEED_BUSY: "CONFLICT",
  NOTHING_TO_ROLL_BACK: "CONFLICT",
};

/** Verb errors become the house error with their field details (`schedule.*` for schedules). */
async function mapErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FeedError) {
      throw new ApiError(FEED_ERRORS[error.code] ?? "BAD_REQUEST", error.message, {
        details: error.details,
        cause: error,
      });
    }
    if (error instanceof JobError) {
      throw new ApiError(
        error.code === "FEED_NOT_FOUND" ? "NOT_FOUND" : "BAD_REQUEST",
        error.message,
        {
          details: error.details?.map((d) => ({
            path: d.path ? `schedule.${d.path}` : "schedule",
            message: d.message,
          })),
          cause: error,
        },
      );
    }
    if (error instanceof AccountError && error.code === "ACCOUNT_NOT_FOUND") {
      throw new ApiError("BAD_REQUEST", error.message, {
        details: [{ path: "account", message: "no account of that name" }],
        cause: error,
      });
    }
    throw error;
  }
}

/** Dates become ISO strings, as JSON does; the schemas below describe the result. */
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI schemas type the JSON, not the verbs' Dates.
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

function requireJobs(c: Context<AdminEnv>) {
  const { jobs } = c.get("deps");
  if (!jobs) {
    throw new ApiError("UNAVAILABLE", "The job queue is not running; try again shortly.", {
      headers: { "Retry-After": "30" },
    });
  }
  return jobs;
}

function publicBase(c: Context<AdminEnv>): string {
  return c.get("deps").config.publicUrl ?? new URL(c.req.url).origin;
}

const scheduleSchema = z
  .union([
    z.object({ everySeconds: z.number().int().openapi({ example: 3600 }) }),
    z.object({
      cron: z.string().openapi({ example: "0 6 * * *" }),
      timeZone: z.string().optional().openapi({ example: "Europe/Paris" }),
    }),
  ])
  .openapi("FeedScheduleInput");

const scheduleView = z
  .object({
    kind: z.enum(["interval", "cron"]),
    intervalSeconds: z.number().int().nullable(),
    cron: z.string().nullable(),
    timeZone: z.string(),
    nextRunAt: z.string(),
    lastRunAt: z.string().nullable(),
  })
  .nullable()
  .openapi("FeedSchedule");

const runSchema = z
  .object({
    id: z.uuid(),
    feedId: z.uuid(),
    trigger: z.string(),
    outcome: z.string().openapi({ example: "published" }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    items: z.number().int().nullable(),
    itemsExcluded: z.number().int().nullable(),
    generationId: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    gateReasons: z.array(z.unknown()),
    error: z.string().nullable(),
  })
  .openapi("FeedRun");

const runDetailSchema = runSchema
  .extend({
    summary: z
      .unknown()
      .openapi({ description: "Rule counts with examples, fill rates, output facts" }),
  })
  .openapi("FeedRunDetail");

const feedSchema = z
  .object({
    id: z.uuid(),
    account: z.string(),
    name: z.string(),
    channel: z.string(),
    profile: z.string(),
    file: z.string().openapi({ example: "google.xml" }),
    basicAuthUser: z.string().nullable(),
    keepGenerations: z.number().int(),
    live: z.unknown().nullable(),
    lastRun: z.unknown().nullable(),
  })
  .openapi("Feed");

const feedDetailSchema = feedSchema
  .extend({
    url: z.string().openapi({ description: "The public URL (it carries the feed's token)" }),
    settings: z.unknown(),
    generations: z.array(z.unknown()),
    schedule: scheduleView,
    runs: z.array(runSchema),
  })
  .openapi("FeedDetail");

const basicAuthSchema = z.object({ user: z.string(), password: z.string() });

const newFeedBody = z
  .object({
    account: z.string().openapi({ example: "boutique" }),
    channel: z.string().openapi({ example: "google" }),
    format: z.string().optional().openapi({ example: "xml" }),
    name: z.string().optional(),
    linkTemplate: z.string().optional().openapi({ example: "https://shop.example/p/{ref}" }),
    settings: z.record(z.string(), z.unknown()).optional(),
    basicAuth: basicAuthSchema.optional(),
    keepGenerations: z.number().int().positive().optional(),
    schedule: scheduleSchema.optional(),
  })
  .openapi("NewFeed");

const feedChangesBody = z
  .object({
    name: z.string().optional(),
    linkTemplate: z.string().optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    basicAuth: basicAuthSchema.nullable().optional(),
    keepGenerations: z.number().int().positive().optional(),
    schedule: scheduleSchema.nullable().optional().openapi({ description: "null removes it" }),
  })
  .openapi("FeedChanges");

const feedParam = z.object({
  feed: z.string().openapi({
    param: { name: "feed", in: "path" },
    description: "Feed id, or ACCOUNT/NAME (URL-encoded)",
  }),
});

const queuedSchema = z
  .object({
    queued: z.boolean().openapi({ description: "false: an identical job was already queued" }),
    jobId: z.string().nullable(),
  })
  .openapi("Queued");

const jsonBody = <T extends z.ZodType>(schemaOf: T) => ({
  body: { content: { "application/json": { schema: schemaOf } }, required: true },
});
const ok = <T extends z.ZodType>(description: string, schemaOf: T) => ({
  description,
  content: { "application/json": { schema: schemaOf } },
});
const conflict = {
  409: { description: "Conflict", content: { "application/json": { schema: errorSchema } } },
};
const unavailable = {
  503: {
    description: "Job queue not running",
    content: { "application/json": { schema: errorSchema } },
  },
};

async function recentRuns(db: AdminEnv["Variables"]["deps"]["db"], feedId: string, limit: number) {
  return db
    .select({
      id: schema.feedRuns.id,
      feedId: schema.feedRuns.feedId,
      trigger: schema.feedRuns.trigger,
      outcome: schema.feedRuns.outcome,
      startedAt: schema.feedRuns.startedAt,
      finishedAt: schema.feedRuns.finishedAt,
      items: schema.feedRuns.items,
      itemsExcluded: schema.feedRuns.itemsExcluded,
      generationId: schema.feedRuns.generationId,
      durationMs: schema.feedRuns.durationMs,
      gateReasons: schema.feedRuns.gateReasons,
      error: schema.feedRuns.error,
    })
    .from(schema.feedRuns)
    .where(eq(schema.feedRuns.feedId, feedId))
    .orderBy(desc(schema.feedRuns.startedAt))
    .limit(limit);
}

async function feedDetail(c: Context<AdminEnv>, ref: string) {
  const { db, accountServices } = c.get("deps");
  const details = await showFeed(db, ref);
  const feed = await resolveFeed(db, details.id);
  const schedule = await getFeedSchedule(db, details.id);
  return json({
    ...details,
    url: feedPublicUrl(publicBase(c), accountServices.ring, feed),
    schedule: schedule
      ? {
          kind: schedule.kind,
          intervalSeconds: schedule.intervalSeconds,
          cron: schedule.cron,
          timeZone: schedule.timeZone,
          nextRunAt: schedule.nextRunAt,
          lastRunAt: schedule.lastRunAt,
        }
      : null,
    runs: await recentRuns(db, details.id, 10),
  });
}

/** `schedule` first checked on its own, so a bad one is refused before the feed is written. */
function checkSchedule(input: ScheduleInput | null | undefined): void {
  if (!input) return;
  const parsed = scheduleInput.safeParse(input);
  if (!parsed.success) {
    throw new ApiError("BAD_REQUEST", "The schedule is invalid; see details.", {
      details: parsed.error.issues.map((issue) => ({
        path: ["schedule", ...issue.path.map(String)].join("."),
        message: issue.message,
      })),
    });
  }
}

export function registerAdminFeedRoutes(app: App): void {
  const router = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  router.openapi(
    createRoute({
      method: "get",
      path: "/feeds",
      summary: "List feeds with their live generation and last run",
      tags: ["feeds"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("read")] as const,
      request: { query: z.object({ account: z.string().optional() }) },
      responses: {
        200: ok("Feeds", z.object({ feeds: z.array(feedSchema) })),
        ...adminErrorResponses,
      },
    }),
    async (c) => {
      const { account } = c.req.valid("query");
      const feeds = await mapErrors(() => listFeeds(c.get("deps").db, account ? { account } : {}));
      return c.json(json({ feeds }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/feeds",
      summary: "Create a feed (settings validated field by field), optionally with a schedule",
      tags: ["feeds"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: jsonBody(newFeedBody),
      responses: {
        201: ok("Created", feedDetailSchema),
        ...adminErrorResponses,
        ...conflict,
      },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const { schedule, ...input } = c.req.valid("json");
      checkSchedule(schedule);
      const created = await mapErrors(() =>
        db.transaction(async (tx) => {
          const feed = await addFeed(tx, input);
          if (schedule) await setFeedSchedule(tx, feed.id, schedule);
          return feed;
        }),
      );
      return c.json(await feedDetail(c, created.id), 201);
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/feeds/{feed}",
      summary: "Show a feed: settings, public URL, schedule, kept generations, last runs",
      tags: ["feeds"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("read")] as const,
      request: { params: feedParam },
      responses: {
        200: ok("The feed", feedDetailSchema),
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => c.json(await mapErrors(() => feedDetail(c, c.req.valid("param").feed)), 200),
  );

  router.openapi(
    createRoute({
      method: "patch",
      path: "/feeds/{feed}",
      summary: "Change a feed's settings, name, Basic auth, kept generations or schedule",
      tags: ["feeds"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: { params: feedParam, ...jsonBody(feedChangesBody) },
      responses: {
        200: ok("Updated", feedDetailSchema),
        ...adminErrorResponses,
        ...notFoundResponse,
        ...conflict,
      },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const { schedule, ...changes } = c.req.valid("json");
      checkSchedule(schedule);
      const updated = await mapErrors(() =>
        db.transaction(async (tx) => {
          const feed = await setFeed(tx, c.req.valid("param").feed, changes);
          if (schedule === null) await removeFeedSchedule(tx, feed.id);
          else if (schedule) await setFeedSchedule(tx, feed.id, schedule);
          return feed;
        }),
      );
      return c.json(await feedDetail(c, updated.id), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "delete",
      path: "/feeds/{feed}",
      summary: "Delete a feed, its runs, generations and files (its URL stops working)",
      tags: ["feeds"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: { params: feedParam },
      responses: {
        200: ok(
          "Deleted",
          z.object({
            id: z.uuid(),
            name: z.string(),
            account: z.string(),
            blobsDeleted: z.number(),
          }),
        ),
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const { db, blobs, config } = c.get("deps");
      const removed = await mapErrors(() =>
        removeFeed(db, blobs ?? openBlobStore(config), c.req.valid("param").feed),
      );
      return c.json(removed, 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/feeds/{feed}/generate",
      summary: "Queue a generation now (collapses with one already queued)",
      tags: ["feeds"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: { params: feedParam },
      responses: {
        202: ok("Queued", queuedSchema),
        ...adminErrorResponses,
        ...notFoundResponse,
        ...unavailable,
      },
    }),
    async (c) => {
      const jobs = requireJobs(c);
      const feed = await mapErrors(() => resolveFeed(c.get("deps").db, c.req.valid("param").feed));
      const jobId = await jobs.enqueueGenerate({ feedId: feed.id, trigger: "api" });
      return c.json({ queued: jobId !== null, jobId }, 202);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/feeds/{feed}/rollback",
      summary: "Serve the kept generation before the live one again",
      tags: ["feeds"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: { params: feedParam },
      responses: {
        200: ok(
          "Rolled back",
          z.object({
            feedId: z.uuid(),
            feed: z.string(),
            from: z.string(),
            to: z.string(),
            items: z.number(),
          }),
        ),
        ...adminErrorResponses,
        ...notFoundResponse,
        ...conflict,
      },
    }),
    async (c) =>
      c.json(await mapErrors(() => rollbackFeed(c.get("deps").db, c.req.valid("param").feed)), 200),
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/feeds/{feed}/rotate-url",
      summary: "Give the feed a new public URL; every earlier URL answers 404",
      tags: ["feeds"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: { params: feedParam },
      responses: {
        200: ok(
          "Rotated",
          z.object({
            feedId: z.uuid(),
            feed: z.string(),
            urlTokenVersion: z.number(),
            url: z.string(),
          }),
        ),
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const { db, accountServices } = c.get("deps");
      const rotated = await mapErrors(() => rotateFeedUrl(db, c.req.valid("param").feed));
      const feed = await resolveFeed(db, rotated.feedId);
      return c.json(
        { ...rotated, url: feedPublicUrl(publicBase(c), accountServices.ring, feed) },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/feeds/{feed}/runs",
      summary: "A feed's runs, newest first",
      tags: ["runs"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("read")] as const,
      request: {
        params: feedParam,
        query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      responses: {
        200: ok("Runs", z.object({ runs: z.array(runSchema) })),
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const feed = await mapErrors(() => resolveFeed(db, c.req.valid("param").feed));
      return c.json(json({ runs: await recentRuns(db, feed.id, c.req.valid("query").limit) }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/runs/{id}",
      summary: "One run with its rule counts, examples and gate reasons",
      tags: ["runs"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("read")] as const,
      request: {
        params: z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) }),
      },
      responses: {
        200: ok("The run", runDetailSchema),
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const [run] = await c
        .get("deps")
        .db.select()
        .from(schema.feedRuns)
        .where(eq(schema.feedRuns.id, c.req.valid("param").id));
      if (!run) throw new ApiError("NOT_FOUND", "No run with that id.");
      const { rows: _rows, ...rest } = run;
      return c.json(json(rest), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/sync",
      summary: "Queue a catalog sync: full, products (by id) or stock; feeds regenerate after",
      tags: ["sync"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: jsonBody(
        z
          .object({
            account: z.string().openapi({ example: "boutique" }),
            kind: z.enum(["full", "products", "stock"]),
            productIds: z.array(z.number().int().positive()).min(1).max(500).optional(),
          })
          .superRefine((body, ctx) => {
            if (body.kind === "products" && !body.productIds) {
              ctx.addIssue({
                code: "custom",
                path: ["productIds"],
                message: "is required for a products sync",
              });
            }
          })
          .openapi("SyncRequest"),
      ),
      responses: {
        202: ok("Queued", queuedSchema),
        ...adminErrorResponses,
        ...unavailable,
      },
    }),
    async (c) => {
      const jobs = requireJobs(c);
      const body = c.req.valid("json");
      const account = await mapErrors(() => findAccount(c.get("deps").db, body.account));
      const jobId = await jobs.enqueueSync(
        body.kind === "products"
          ? { accountId: account.id, kind: "products", productIds: body.productIds ?? [] }
          : { accountId: account.id, kind: body.kind },
      );
      return c.json({ queued: jobId !== null, jobId }, 202);
    },
  );

  app.route("/api/v1", router);
}
