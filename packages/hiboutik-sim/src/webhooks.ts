import { encodePhpForm } from "./php-form.ts";

/** `webhook_action` values listed by the Hiboutik FAQ (doc §4.20). */
export const WEBHOOK_ACTIONS = [
  "sale",
  "sale_item",
  "payment",
  "customer",
  "store_credit",
  "product",
  "stock_order",
  "timestamp",
  "schedule",
] as const;

export type WebhookAction = (typeof WEBHOOK_ACTIONS)[number];

export interface WebhookRegistration {
  readonly webhook_id: number;
  readonly webhook_label: string;
  readonly webhook_url: string;
  readonly webhook_action: string;
  readonly webhook_app_id_int: number;
}

export interface WebhookDelivery {
  readonly webhookId: number;
  readonly action: string;
  readonly url: string;
  /** The form-encoded body as sent. */
  readonly body: string;
  /** HTTP status of the receiver, or null when the request failed. */
  status: number | null;
  error?: string;
  readonly at: Date;
}

/** Kept for inspection; older entries are dropped so a long-running server stays small. */
const MAX_DELIVERIES = 1000;

/**
 * Registered webhooks and their deliveries. Deliveries go out one at a time in emission order
 * (Hiboutik delivers synchronously by default, doc §4.20); `flush()` waits for all of them.
 */
export class WebhookHub {
  private readonly registrations = new Map<number, WebhookRegistration>();
  private readonly log: WebhookDelivery[] = [];
  private nextId = 1;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly fetchImpl: typeof fetch,
    private readonly now: () => Date,
  ) {}

  list(): WebhookRegistration[] {
    return [...this.registrations.values()];
  }

  create(input: Omit<WebhookRegistration, "webhook_id">): WebhookRegistration {
    const registration = { webhook_id: this.nextId++, ...input };
    this.registrations.set(registration.webhook_id, registration);
    return registration;
  }

  remove(id: number): boolean {
    return this.registrations.delete(id);
  }

  deliveries(): readonly WebhookDelivery[] {
    return this.log;
  }

  emit(action: WebhookAction, payload: Readonly<Record<string, unknown>>): void {
    const targets = this.list().filter((r) => r.webhook_action === action);
    if (targets.length === 0) return;
    const body = encodePhpForm(payload);
    for (const target of targets) {
      const delivery: WebhookDelivery = {
        webhookId: target.webhook_id,
        action,
        url: target.webhook_url,
        body,
        status: null,
        at: this.now(),
      };
      this.log.push(delivery);
      if (this.log.length > MAX_DELIVERIES) this.log.shift();
      this.pending++;
      this.tail = this.tail.then(() => this.deliver(delivery));
    }
  }

  /** Resolves once every delivery emitted so far (and any emitted meanwhile) has completed. */
  async flush(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    try {
      const response = await this.fetchImpl(delivery.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: delivery.body,
        signal: AbortSignal.timeout(10_000),
      });
      delivery.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.pending--;
    }
  }
}
