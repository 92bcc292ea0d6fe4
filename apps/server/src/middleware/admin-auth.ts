import type { AdminScope } from "@comptoir/auth";
import { hasScope } from "@comptoir/auth";
import { type AdminKeySummary, authenticateAdminKey } from "@comptoir/auth/admin-key-store";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app.ts";
import { ApiError } from "../errors.ts";

export type AdminEnv = AppEnv & { Variables: AppEnv["Variables"] & { adminKey: AdminKeySummary } };

/**
 * Admin API authentication: `Authorization: Bearer ck_…` (an admin key from `comptoir keys
 * create`). Read routes need the `read` scope, writes need `write`.
 */
export function requireScope(scope: AdminScope) {
  return createMiddleware<AdminEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match?.[1] ? await authenticateAdminKey(c.get("deps").db, match[1]) : undefined;
    if (!key) {
      throw new ApiError(
        "UNAUTHORIZED",
        "Send a valid admin key as `Authorization: Bearer ck_…` (create one with `comptoir keys create NAME`).",
        { headers: { "WWW-Authenticate": 'Bearer realm="comptoir"' } },
      );
    }
    if (!hasScope(key.scopes, scope)) {
      throw new ApiError(
        "FORBIDDEN",
        `This key has the scopes [${key.scopes.join(", ")}]; this operation needs "${scope}".`,
      );
    }
    c.set("adminKey", key);
    await next();
  });
}
