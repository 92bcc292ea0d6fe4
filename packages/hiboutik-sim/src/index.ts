/**
 * @comptoir/hiboutik-sim: a faithful double of one Hiboutik account (REST API at `/api`, OAuth
 * at `/oauth_api`), with seeded data generated on demand, faults, quotas, webhooks and a request
 * log. Reference: shared/docs/hiboutik-api.md.
 */
export type { SimulatorUser } from "./auth.ts";
export type { ReturnLineStyle } from "./data/sales.ts";
export type { FailPageFault, FaultControls, FaultSettings, RateLimitFault } from "./faults.ts";
export { PAGE_SIZE } from "./http/pagination.ts";
export type { QuotaView } from "./limits.ts";
export type { Mutations, ProductInput, SaleInput, SaleLineInput } from "./mutations/index.ts";
export type { OAuthClient, TokenResponse } from "./oauth.ts";
export { decodePhpForm, encodePhpForm } from "./php-form.ts";
export type { RequestLog, RequestLogEntry } from "./request-log.ts";
export { type SimulatorServer, startSimulatorServer } from "./server.ts";
export { createSimulator } from "./simulator.ts";
export type {
  AccountView,
  CatalogView,
  ListeningServer,
  OAuthView,
  Simulator,
  SimulatorOptions,
  WebhooksView,
} from "./types.ts";
export {
  WEBHOOK_ACTIONS,
  type WebhookAction,
  type WebhookDelivery,
  type WebhookRegistration,
} from "./webhooks.ts";
export type { WireRecord } from "./wire/context.ts";
