export {
  type AccountClient,
  type ClientServices,
  openAccountClient,
  refreshAccountTokens,
} from "./account-client.ts";
export {
  type AccountOverview,
  type AccountSummary,
  findAccount,
  listAccounts,
  removeAccount,
  summarize,
} from "./accounts.ts";
export {
  ACCOUNT_NAME,
  type AccountServices,
  type AddAccountInput,
  addAccount,
  addAccountInput,
} from "./add-account.ts";
export { AccountError, type AccountErrorCode } from "./errors.ts";
export { keyRingFromConfig } from "./key-ring.ts";
export { type OAuthApp, oauthAppFromConfig } from "./oauth-app.ts";
export { finishOAuthConnect, oauthStateStore, startOAuthConnect } from "./oauth-connect.ts";
export { reencryptCredentials } from "./reencrypt.ts";
export {
  callsThisMonth,
  createUsageRecorder,
  monthOf,
  recordUsage,
  type UsageRecorder,
} from "./usage.ts";
export {
  COMPTOIR_WEBHOOK_APP_ID,
  findAccountByWebhookSecret,
  hashWebhookSecret,
  registerWebhooks,
  rotateWebhookSecret,
  WEBHOOK_EVENTS,
  type WebhookEvent,
  type WebhookRegistration,
  webhookSecret,
  webhookUrl,
} from "./webhooks.ts";
