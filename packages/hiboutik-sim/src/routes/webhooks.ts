import type { Hono } from "hono";
import { readBody } from "../http/body.ts";
import { notFound, validationError } from "../http/errors.ts";
import { jsonResponse } from "../http/json.ts";
import { intParam } from "../http/params.ts";
import { WEBHOOK_ACTIONS } from "../webhooks.ts";
import type { RouteDeps } from "./deps.ts";

const ACTIONS: ReadonlySet<string> = new Set(WEBHOOK_ACTIONS);

export function registerWebhookRoutes(app: Hono, deps: RouteDeps): void {
  const { webhooks } = deps;

  app.get("/api/webhooks", () => jsonResponse(webhooks.list()));

  // POST answers 200 with `{webhook_id}` (seen by a third-party client, doc §1.4).
  app.post("/api/webhooks", async (c) => {
    const body = await readBody(c);
    const details: Record<string, string> = {};
    const url = body.webhook_url ?? "";
    if (!/^https?:\/\/\S+$/.test(url)) {
      details.webhook_url = "please provide a valid URL (http or https)";
    }
    const action = body.webhook_action ?? "";
    if (!ACTIONS.has(action)) {
      details.webhook_action = `please provide one of: ${WEBHOOK_ACTIONS.join(", ")}`;
    }
    const appId = body.webhook_app_id_int === undefined ? 0 : Number(body.webhook_app_id_int);
    if (!Number.isInteger(appId)) details.webhook_app_id_int = "please provide an integer";
    if (Object.keys(details).length > 0) return validationError("Invalid webhook", details);
    const created = webhooks.create({
      webhook_label: body.webhook_label ?? "",
      webhook_url: url,
      webhook_action: action,
      webhook_app_id_int: appId,
    });
    return jsonResponse({ webhook_id: created.webhook_id });
  });

  // The response body of DELETE is not documented; `{webhook_id}` is our choice.
  app.delete("/api/webhooks/:webhook_id", (c) => {
    const id = intParam(c.req.param("webhook_id"));
    if (id === undefined || !webhooks.remove(id)) {
      return notFound(`Webhook ${c.req.param("webhook_id")} not found`);
    }
    return jsonResponse({ webhook_id: id });
  });
}
