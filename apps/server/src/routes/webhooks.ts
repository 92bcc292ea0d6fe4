import { findAccountByWebhookSecret } from "@comptoir/accounts";
import { schema } from "@comptoir/db";
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { App } from "../app.ts";
import { ApiError } from "../errors.ts";
import { errorSchema } from "../schemas.ts";
import { PhpFormError, type PhpFormValue, parsePhpForm } from "../webhooks/php-form.ts";

/** Hiboutik's payloads are small (a sale with its lines is a few KiB). */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * A webhook-triggered sync waits this long before it may start: the other events of a burst
 * (a bulk edit in the POS) land meanwhile and collapse into the queued job.
 */
export const WEBHOOK_DEBOUNCE_SECONDS = 2;

type EventKind = "product" | "stock_order" | "sale" | "other";

const KNOWN_EVENTS: ReadonlySet<string> = new Set(["product", "stock_order", "sale"]);

/**
 * Our registrations say which event they are for (`?event=`); a hook set up by hand in the POS
 * has no such parameter, so the payload's shape decides.
 */
function eventOf(declared: string | undefined, payload: Record<string, PhpFormValue>): EventKind {
  if (declared) return KNOWN_EVENTS.has(declared) ? (declared as EventKind) : "other";
  if ("sale_id" in payload || "order_id" in payload) return "sale";
  if ("warehouse_id" in payload || "stock_available" in payload) return "stock_order";
  if ("product_id" in payload) return "product";
  return "other";
}

function productIdOf(payload: Record<string, PhpFormValue>): number | undefined {
  const raw = payload.product_id;
  const id = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

const received = z
  .object({
    ok: z.literal(true),
    event: z.enum(["product", "stock_order", "sale", "other"]),
    /** Whether work was queued (false: it collapsed into a job already queued, or none needed). */
    queued: z.boolean(),
  })
  .openapi("WebhookReceipt");

const route = createRoute({
  method: "post",
  path: "/webhooks/hiboutik/{secret}",
  summary:
    "Receive a Hiboutik webhook (form-encoded, PHP brackets); answers at once, work is queued",
  tags: ["webhooks"],
  middleware: [
    bodyLimit({
      maxSize: WEBHOOK_BODY_LIMIT,
      onError: () => {
        throw new ApiError(
          "PAYLOAD_TOO_LARGE",
          `A webhook body may be at most ${WEBHOOK_BODY_LIMIT / 1024} KiB.`,
        );
      },
    }),
  ] as const,
  request: {
    params: z.object({
      secret: z.string().openapi({ param: { name: "secret", in: "path" } }),
    }),
    query: z.object({
      event: z
        .string()
        .optional()
        .openapi({ description: "The event this URL was registered for" }),
    }),
  },
  responses: {
    200: { description: "Accepted", content: { "application/json": { schema: received } } },
    400: {
      description: "Unreadable body",
      content: { "application/json": { schema: errorSchema } },
    },
    404: {
      description: "Unknown secret",
      content: { "application/json": { schema: errorSchema } },
    },
    413: {
      description: "Body too large",
      content: { "application/json": { schema: errorSchema } },
    },
    503: {
      description: "Jobs unavailable",
      content: { "application/json": { schema: errorSchema } },
    },
  },
});

/**
 * `POST /webhooks/hiboutik/{secret}`. Hiboutik does not sign deliveries, so the secret in the
 * path is the only proof: an unknown one gets the same 404 as any other missing page. The
 * answer is immediate; product and stock events queue an incremental sync (which regenerates
 * the account's feeds), sale events are recorded for the invoices part.
 */
export function registerWebhookRoutes(app: App): void {
  app.openapi(route, async (c) => {
    const { db, jobs } = c.get("deps");
    const account = await findAccountByWebhookSecret(db, c.req.valid("param").secret);
    if (!account) throw new ApiError("NOT_FOUND", "No such webhook.");
    if (!jobs) {
      throw new ApiError("UNAVAILABLE", "The service cannot take webhooks right now.", {
        headers: { "Retry-After": "30" },
      });
    }
    const text = await c.req.text();
    let payload: Record<string, PhpFormValue>;
    try {
      payload = (c.req.header("content-type") ?? "").includes("json")
        ? (JSON.parse(text) as Record<string, PhpFormValue>)
        : parsePhpForm(text);
    } catch (error) {
      throw new ApiError(
        "BAD_REQUEST",
        error instanceof PhpFormError ? error.message : "The body is not a readable form.",
      );
    }
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
      throw new ApiError("BAD_REQUEST", "The body is not a form of fields.");
    }
    const event = eventOf(c.req.valid("query").event, payload);

    let jobId: string | null = null;
    if (event === "product" || event === "stock_order") {
      const productId = productIdOf(payload);
      jobId = await jobs.enqueueSync(
        productId === undefined
          ? { accountId: account.id, kind: "stock" }
          : { accountId: account.id, kind: "products", productIds: [productId] },
        { startAfterSeconds: WEBHOOK_DEBOUNCE_SECONDS },
      );
    }
    await db.insert(schema.webhookEvents).values({
      accountId: account.id,
      action: event,
      payload,
      jobId,
      // Catalog events are handled by their job; sales wait for the invoices part.
      processedAt: event === "sale" ? null : new Date(),
    });
    c.get("logger").info({ account: account.name, event, jobId }, "webhook received");
    return c.json({ ok: true as const, event, queued: jobId !== null }, 200);
  });
}
