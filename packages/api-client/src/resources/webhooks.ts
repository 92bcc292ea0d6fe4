import { z } from "zod";
import { paths } from "../endpoints.ts";
import { HiboutikMalformedResponseError } from "../http/errors.ts";
import type { Listing } from "../pagination.ts";
import { idField, parseId } from "../parse/ids.ts";
import { isPlainObject } from "../parse/lists.ts";
import { defineRecord, listRows, type WireRecord } from "../parse/record.ts";
import { labelField, textField } from "../parse/text.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

/** Events Hiboutik can call a webhook for. */
export type WebhookAction =
  | "sale"
  | "sale_item"
  | "payment"
  | "customer"
  | "store_credit"
  | "product"
  | "stock_order"
  | "timestamp"
  | "schedule";

export interface Webhook {
  readonly id: number;
  readonly label: string;
  readonly url: string | null;
  /** The event, e.g. "sale"; kept as a string because Hiboutik may add events. */
  readonly action: string | null;
  /** Our own tag (`webhook_app_id_int`) to find and replace our hooks. */
  readonly appId: number | null;
  readonly raw: WireRecord;
}

export interface NewWebhook {
  readonly label: string;
  /** Where Hiboutik will POST (form-encoded); put a per-tenant secret in it, Hiboutik signs nothing. */
  readonly url: string;
  readonly action: WebhookAction;
  readonly appId?: number;
}

const webhookRecord = defineRecord({
  resource: "webhook",
  idKeys: ["webhook_id"],
  schema: z.object({
    webhook_id: idField,
    webhook_label: labelField,
    webhook_url: textField,
    webhook_action: textField,
    webhook_app_id_int: z.preprocess((value) => parseId(value) ?? null, z.number().nullable()),
  }),
  build: (wire, raw): Webhook => ({
    id: wire.webhook_id,
    label: wire.webhook_label,
    url: wire.webhook_url,
    action: wire.webhook_action,
    appId: wire.webhook_app_id_int === 0 ? null : wire.webhook_app_id_int,
    raw,
  }),
});

export function webhooksResource(context: ResourceContext) {
  return {
    list(options: CallOptions = {}): Listing<Webhook> {
      return listing(context, paths.webhooks(), webhookRecord, { ...options, paginated: false });
    },
    /** Creates a webhook; resolves to its id. A 403 means the API user lacks the right. */
    async create(webhook: NewWebhook, options: CallOptions = {}): Promise<{ id: number }> {
      const response = await context.transport.send({
        method: "POST",
        path: paths.webhooks(),
        form: {
          webhook_label: webhook.label,
          webhook_url: webhook.url,
          webhook_action: webhook.action,
          ...(webhook.appId === undefined ? {} : { webhook_app_id_int: webhook.appId }),
        },
        signal: options.signal,
      });
      // `{ webhook_id }`, sometimes wrapped in an array like other Hiboutik answers.
      const [created] = listRows(response.body, response.endpoint);
      const id = isPlainObject(created) ? parseId(created.webhook_id ?? created.id) : undefined;
      if (id === undefined) {
        throw new HiboutikMalformedResponseError(
          `Hiboutik answered ${response.endpoint} without a webhook_id; the webhook may or may not ` +
            "exist: list the webhooks before creating it again.",
          { status: response.status, code: null, endpoint: response.endpoint },
        );
      }
      return { id };
    },
    async delete(webhookId: number, options: CallOptions = {}): Promise<void> {
      await context.transport.send({
        method: "DELETE",
        path: paths.webhook(webhookId),
        signal: options.signal,
      });
    },
  };
}
