// Source contract and helpers

export {
  auditFeed,
  diffSummaries,
  exclusionsCsv,
  type FeedAudit,
  type SummaryDiff,
  writeExclusionsCsv,
} from "./audit/audit.ts";
// Publication and audit
export {
  DEFAULT_GATE_THRESHOLDS,
  decidePublication,
  type GateDecision,
  type GateMetrics,
  type GateReason,
  type GateVerdict,
  gateMetrics,
} from "./gate/publish-gate.ts";
// Generation
export {
  type EngineOptions,
  type Exclusion,
  FeedConfigurationError,
  type FeedRun,
  FeedSourceOrderError,
  runFeed,
} from "./generate/engine.ts";
export {
  feedFileName,
  type GenerateOptions,
  type GenerationResult,
  generateFeed,
  generationKey,
} from "./generate/generate-feed.ts";
export type { FeedTarget } from "./generate/output.ts";
export {
  checkGtin,
  type GtinProblem,
  type GtinVerdict,
  hasValidCheckDigit,
} from "./identifiers/gtin.ts";
export {
  createItemBuilder,
  type ItemBuilder,
  type ItemDraft,
  type ProductOutcome,
} from "./model/build-items.ts";
export { buildCatalogIndex, type CatalogIndex } from "./model/catalog-index.ts";
// Canonical item model
export type {
  AgeGroup,
  Availability,
  Condition,
  FeedItem,
  Gender,
  ItemField,
} from "./model/item.ts";
export { compileLinkTemplate, normalizeUrl } from "./model/link.ts";
export { getProfile, isProfileId, PROFILE_IDS, PROFILES } from "./profiles/index.ts";
export { type CellValue, formatPrice } from "./profiles/render.ts";
// Channel profiles
export type {
  Channel,
  ChannelProfile,
  ColumnSpec,
  ColumnValue,
  DelimitedOptions,
  LocalAvailability,
  ProfileId,
} from "./profiles/types.ts";
export type { FillRate, OutputFacts, RuleCount, RuleExample, RunSummary } from "./run/summary.ts";
export type { XmlEncoder } from "./serialize/rss.ts";
export {
  feedSettings,
  formatSettingsIssues,
  InvalidFeedSettingsError,
  parseFeedSettings,
  type SettingsIssue,
  type SettingsResult,
} from "./settings/parse.ts";
// Settings
export {
  type CustomLabelSetting,
  DEFAULT_CUSTOM_LABELS,
  type FeedSettings,
  type FeedSettingsInput,
  feedSettingsSchema,
  type GateThresholds,
  type LocalStoreSetting,
} from "./settings/schema.ts";
export { generatedFeedSource, memoryFeedSource } from "./source/memory.ts";
export type {
  FeedReference,
  FeedSource,
  SourceBrand,
  SourceCategory,
  SourceProduct,
  SourceStockLevel,
  SourceStore,
  SourceStoreAddress,
  SourceTag,
  SourceTagCategory,
  SourceTax,
  SourceVariant,
  SourceWarehouse,
} from "./source/types.ts";
export { type CleanedText, cleanText, truncateText } from "./text/clean.ts";
// Validation
export {
  type FilterReason,
  type Finding,
  RULES,
  type RuleCode,
  type RuleDefinition,
  ruleDefinition,
  type Severity,
} from "./validation/rules.ts";
