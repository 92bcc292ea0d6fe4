import type { ClientServices } from "@comptoir/accounts";
import type { Config } from "@comptoir/config";
import type { Database } from "@comptoir/db";
import type { JobQueue } from "@comptoir/jobs";
import type { Logger } from "@comptoir/logger";
import type { BlobStore } from "@comptoir/storage";
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError, codeForStatus, ERROR_STATUS, type ErrorCode } from "./errors.ts";
import type { FeedServing } from "./feeds/feed-serving.ts";
import { registerAdminAccountRoutes } from "./routes/admin/accounts.ts";
import { registerAdminFeedRoutes } from "./routes/admin/feeds.ts";
import { registerAdminInvoiceRoutes } from "./routes/admin/invoices.ts";
import { registerAdminJobRoutes } from "./routes/admin/jobs.ts";
import { registerDocsRoutes } from "./routes/docs.ts";
import { registerFeedRoutes } from "./routes/feeds.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerInvoiceLinkRoutes } from "./routes/invoices.ts";
import { registerOAuthRoutes } from "./routes/oauth.ts";
import { registerWebhookRoutes } from "./routes/webhooks.ts";

/** What the routes need, injected so tests build the app on their own database and logger. */
export interface AppDependencies {
  readonly db: Database;
  readonly logger: Logger;
  readonly config: Config;
  /** Key ring, OAuth app and network, for the account verbs (OAuth connect, …). */
  readonly accountServices: ClientServices;
  /** Public feed URLs (lookup cache, blob store, fetch records); built from config when absent. */
  readonly feedServing?: FeedServing;
  /** Where webhooks and the admin API enqueue work; without it they answer 503. */
  readonly jobs?: Pick<JobQueue, "enqueueSync" | "enqueueGenerate">;
  /** Blob storage, checked by /readyz (writable) when given. */
  readonly blobs?: BlobStore;
}

export interface AppEnv {
  Variables: {
    logger: Logger;
    requestId: string;
    deps: AppDependencies;
    /** A route may lower its request log line (default info), e.g. public feed fetches. */
    requestLogLevel?: "debug" | "info";
  };
}

export type App = OpenAPIHono<AppEnv>;

/** Invalid input (params, query, body) becomes the house error with field-level details. */
export const validationHook = (result: {
  success: boolean;
  error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
}) => {
  if (!result.success) {
    throw new ApiError("BAD_REQUEST", "The request is invalid; see details.", {
      details: (result.error?.issues ?? []).map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      })),
    });
  }
};

/**
 * Builds the service. Every entry point (server, tests) goes through here, so the error contract,
 * request ids, request logs and the OpenAPI document are the same everywhere.
 */
export function createApp(deps: AppDependencies): App {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(async (c, next) => {
    const logger = deps.logger.child({ requestId: c.get("requestId") });
    c.set("logger", logger);
    c.set("deps", deps);
    const started = performance.now();
    await next();
    // Path only: query strings may carry tokens.
    logger[c.get("requestLogLevel") ?? "info"](
      {
        method: c.req.method,
        // The webhook secret is the path's last segment: never log it; nor a feed URL's token.
        path: c.req.path
          .replace(/^\/webhooks\/hiboutik\/[^/]+/, "/webhooks/hiboutik/…")
          .replace(/^\/feeds\/[^/]+\//, "/feeds/…/")
          .replace(/^\/invoices\/[^/]+/, "/invoices/…"),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        userAgent: c.req.header("user-agent"),
      },
      "request",
    );
  });

  registerHealthRoutes(app);
  registerOAuthRoutes(app);
  registerAdminAccountRoutes(app);
  registerAdminFeedRoutes(app);
  registerAdminJobRoutes(app);
  registerAdminInvoiceRoutes(app);
  registerInvoiceLinkRoutes(app);
  registerFeedRoutes(app, deps);
  registerWebhookRoutes(app);

  app.openAPIRegistry.registerComponent("securitySchemes", "adminKey", {
    type: "http",
    scheme: "bearer",
    description: "An admin key from `comptoir keys create NAME` (scopes: read, write).",
  });

  registerDocsRoutes(app);

  app.notFound((c) => {
    throw new ApiError("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`);
  });

  app.onError((error, c) => {
    const id = c.get("requestId");
    let code: ErrorCode;
    let message: string;
    let details: unknown;
    let headers: Record<string, string> | undefined;
    if (error instanceof ApiError) {
      ({ code, message, details, headers } = error);
    } else if (error instanceof HTTPException) {
      code = codeForStatus(error.status);
      message = error.message || "Request failed.";
    } else {
      (c.get("logger") ?? deps.logger).error({ err: error }, "unhandled error");
      code = "INTERNAL";
      message = `Something went wrong on our side. Quote request id ${id} if you report it.`;
    }
    const status = ERROR_STATUS[code] as ContentfulStatusCode;
    return c.json(
      { error: { code, message, requestId: id, ...(details ? { details } : {}) } },
      status,
      headers,
    );
  });

  return app;
}
