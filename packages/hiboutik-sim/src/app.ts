import { Hono } from "hono";
import { matchedRoutes } from "hono/route";
import { authenticate, authorize, type SimulatorUser } from "./auth.ts";
import { type FaultInjector, rateLimitResponse } from "./faults.ts";
import { ErrorCode, errorResponse } from "./http/errors.ts";
import { pageOf } from "./http/pagination.ts";
import type { ConcurrencyGate, Quota } from "./limits.ts";
import type { OAuthServer } from "./oauth.ts";
import type { RequestLogEntry, RequestRecorder } from "./request-log.ts";
import { registerCatalogRoutes } from "./routes/catalog.ts";
import { registerCustomerRoutes } from "./routes/customers.ts";
import type { RouteDeps } from "./routes/deps.ts";
import { registerProductRoutes } from "./routes/products.ts";
import { registerSalesRoutes } from "./routes/sales.ts";
import { registerSettingsRoutes } from "./routes/settings.ts";
import { registerStockRoutes } from "./routes/stock.ts";
import { registerWebhookRoutes } from "./routes/webhooks.ts";

export interface AppDeps extends RouteDeps {
  readonly users: readonly SimulatorUser[];
  readonly oauth: OAuthServer;
  readonly quota: Quota;
  readonly concurrency: ConcurrencyGate;
  readonly faults: FaultInjector;
  readonly log: RequestRecorder;
}

/** `/api/products/` → `/products`: the form used in route keys and fault paths. */
export function apiPath(pathname: string): string {
  const path = pathname.startsWith("/api/") || pathname === "/api" ? pathname.slice(4) : pathname;
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}

/** JSON is the only format (doc §1.4: 406 when `Accept` asks for another). */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return /application\/json|application\/\*|\*\/\*|\+json/i.test(accept);
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono({ strict: false });

  // Request log: every request, whatever happens to it next.
  app.use("*", async (c, next) => {
    const url = new URL(c.req.url);
    const handler = matchedRoutes(c).find((route) => route.method !== "ALL");
    const path = apiPath(url.pathname);
    const pattern = handler ? apiPath(handler.path) : path;
    const header = c.req.header("authorization")?.trim().toLowerCase() ?? "";
    const entry: RequestLogEntry = {
      method: c.req.method,
      path,
      route: `${c.req.method} ${pattern}`,
      page: pageOf(url),
      auth: header.startsWith("basic ")
        ? "basic"
        : header.startsWith("bearer ")
          ? "bearer"
          : "none",
      status: 0,
      at: deps.now(),
    };
    try {
      await next();
      entry.status = c.res.status;
    } finally {
      deps.log.record(entry);
    }
  });

  // The API gate, in the order a real front end would apply it.
  app.use("/api/*", async (c, next) => {
    if (!deps.concurrency.tryAcquire()) {
      return rateLimitResponse(`Too many concurrent calls (limit ${deps.concurrency.max})`);
    }
    try {
      await deps.faults.delay();
      const url = new URL(c.req.url);
      const path = apiPath(url.pathname);
      const principal = authenticate(c.req.header("authorization"), deps.users, deps.oauth);
      if (principal instanceof Response) return principal;
      const denied = authorize(principal, path, c.req.method);
      if (denied) return denied;
      if (!path.startsWith("/products_images/") && !acceptsJson(c.req.header("accept"))) {
        return errorResponse(406, {
          error: "not_acceptable",
          code: ErrorCode.notAcceptable,
          error_description: "Only application/json is available",
        });
      }
      const limited = deps.faults.rateLimited();
      if (limited) return limited;
      if (!deps.quota.tryConsume()) {
        return rateLimitResponse(`Monthly API call quota exceeded (${deps.quota.limit} calls)`);
      }
      const handler = matchedRoutes(c).find((route) => route.method !== "ALL");
      const failure = deps.faults.failure({
        path,
        routePattern: handler ? apiPath(handler.path) : path,
        page: pageOf(url),
      });
      if (failure) return failure;
      await next();
      c.res = await deps.faults.maybeTruncate(c.res);
    } finally {
      deps.concurrency.release();
    }
  });

  registerProductRoutes(app, deps);
  registerStockRoutes(app, deps);
  registerCatalogRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerSalesRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerWebhookRoutes(app, deps);

  app.get("/oauth_api/authorize", (c) => deps.oauth.authorize(new URL(c.req.url)));
  app.post("/oauth_api/token.php", (c) => deps.oauth.token(c));

  app.notFound((c) =>
    errorResponse(404, {
      error: "not_found",
      code: ErrorCode.notFound,
      error_description: `No route for ${c.req.method} ${new URL(c.req.url).pathname}`,
    }),
  );
  app.onError((error) =>
    errorResponse(500, {
      error: "internal_error",
      code: ErrorCode.server,
      error_description: error instanceof Error ? error.message : String(error),
    }),
  );
  return app;
}
