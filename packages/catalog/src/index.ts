/**
 * @comptoir/catalog: the mirror of each account's POS catalog. Full sync (list endpoints, one
 * transaction), incremental syncs (chosen products, stock), quota awareness, and the mirror as
 * a feeds `FeedSource`.
 */
export { type FullSyncSize, fullSyncCost, productsSyncCost, stockSyncCost } from "./cost.ts";
export { type DefaultSync, defaultSync, FULL_SYNC_MAX_AGE_MS } from "./default-sync.ts";
export { countPendingDetails } from "./detail-pass.ts";
export {
  DETAILS_PER_RUN,
  DETAILS_RESERVE_SHARE,
  DETAILS_SHARE_OF_REMAINING,
  type DetailsRequest,
  detailsCap,
  parseDetailsRequest,
} from "./details-budget.ts";
export { CatalogError, type CatalogErrorCode } from "./errors.ts";
export { FEED_SOURCE_BATCH, mirrorFeedSource } from "./feed-source.ts";
export { type MirrorFacts, mirrorFacts } from "./mirror-facts.ts";
export { detailsOf, estimateSync, type SyncPlan, type SyncRequest } from "./plan.ts";
export { QUOTA_WARNING_SHARE, quotaStatus } from "./quota.ts";
export { SKIPPED_RECORDS_KEPT } from "./skipped.ts";
export { syncCatalog } from "./sync-full.ts";
export { syncProducts } from "./sync-products.ts";
export { syncStock } from "./sync-stock.ts";
export type {
  DetailCounts,
  QuotaStatus,
  SkippedRecord,
  SyncCounts,
  SyncKind,
  SyncOptions,
  SyncProgress,
  SyncResult,
  SyncRunSummary,
} from "./types.ts";
