export type { BasicAuth, HiboutikAuth, OAuthAuth } from "./auth.ts";
export {
  createHiboutikClient,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  type HiboutikClient,
  type HiboutikClientOptions,
  MAX_CONCURRENCY,
} from "./client.ts";
export type { CalendarDay } from "./endpoints.ts";
export {
  type CallEstimate,
  type CatalogSyncPlan,
  estimateCatalogSync,
  estimateSalesImport,
  pagesFor,
  type SalesImportPlan,
} from "./estimate.ts";
export {
  HiboutikAuthError,
  HiboutikBudgetExceededError,
  HiboutikError,
  type HiboutikErrorDetails,
  HiboutikForbiddenError,
  HiboutikInvalidRecordError,
  HiboutikMalformedResponseError,
  HiboutikNetworkError,
  HiboutikNotFoundError,
  HiboutikQuotaExhaustedError,
  HiboutikRequestError,
  HiboutikServerError,
  HiboutikValidationError,
  type RecordIssue,
} from "./http/errors.ts";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./http/retry.ts";
export type { ApiRequest, ApiResponse, FetchLike, Sleep } from "./http/transport.ts";
export {
  type BudgetCheck,
  type CallListener,
  CallMeter,
  type CallMeterOptions,
  type CallRecord,
  DEFAULT_MONTHLY_QUOTA,
  routeOf,
} from "./meter.ts";
export { Listing, PAGE_SIZE, Page, parseContentRangeTotal } from "./pagination.ts";
export type { LocalDate, LocalDateTime } from "./parse/dates.ts";
export { Decimal } from "./parse/decimal.ts";
export { type Money, parseMoney } from "./parse/money.ts";
export type { RecordResult, WireRecord } from "./parse/record.ts";
export { parseVatRate, VatRate } from "./parse/vat-rate.ts";
export type { Brand } from "./resources/brands.ts";
export type { Category } from "./resources/categories.ts";
export type { CallOptions } from "./resources/context.ts";
export type { Customer, CustomerAddress, CustomerSaleRef } from "./resources/customers.ts";
export type { SellerIdentity, StoreIdentity, StoreIdentityOptions } from "./resources/identity.ts";
export type { ProductImage } from "./resources/images.ts";
export type { PaymentType } from "./resources/payment-types.ts";
export type { Product, ProductTag, Variant } from "./resources/products.ts";
export type {
  Amounts,
  ClosedSaleSummary,
  PartialAmounts,
  Sale,
  SaleLine,
  SalePayment,
  SaleTaxSummary,
} from "./resources/sales.ts";
export type { Size, SizeType } from "./resources/sizes.ts";
export type { StockLevel } from "./resources/stock.ts";
export type { Store, Warehouse } from "./resources/stores.ts";
export type { Supplier } from "./resources/suppliers.ts";
export type { Tag, TagCategory } from "./resources/tags.ts";
export type { Tax } from "./resources/taxes.ts";
export type { NewWebhook, Webhook, WebhookAction } from "./resources/webhooks.ts";
