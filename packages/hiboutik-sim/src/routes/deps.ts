import type { Account } from "../account.ts";
import type { WebhookHub } from "../webhooks.ts";
import type { WireContext } from "../wire/context.ts";

export interface RouteDeps {
  readonly account: Account;
  readonly ctx: WireContext;
  readonly webhooks: WebhookHub;
  readonly now: () => Date;
}
