/**
 * @comptoir/publishing: the feed registry and its publication. Feeds (account × channel profile
 * × settings), their runs and kept generations in the database, the files in blob storage, the
 * public URL contract the server's feed route uses. The engine itself (@comptoir/feeds) stays
 * database-free.
 */
export { auditFeedRun, type FeedAuditReport } from "./audit.ts";
export { hashFeedPassword, verifyFeedPassword } from "./basic-auth.ts";
export {
  CHANNEL_FORMATS,
  FEED_CHANNELS,
  type FeedChannel,
  isFeedChannel,
  profileFor,
  publicFileName,
} from "./channels.ts";
export { FeedError, type FeedErrorCode, type FeedErrorDetail } from "./errors.ts";
export {
  type FeedGenerationResult,
  type GenerateFeedOptions,
  generateAllFeeds,
  generateFeedRun,
  type PublishingServices,
  type RunOutcome,
  worstOutcome,
} from "./generate.ts";
export { type RollbackResult, rollbackFeed, rotateFeedUrl } from "./lifecycle.ts";
export { feedLockKey, withFeedGenerationLock } from "./lock.ts";
export { pruneOrphanedFeedBlobs } from "./orphans.ts";
export {
  feedPublicPath,
  feedPublicUrl,
  feedToken,
  lookupPublicFeed,
  type PublicFeedLookup,
  type PublicFeedRef,
} from "./public-url.ts";
export {
  type AddFeedInput,
  addFeed,
  type BasicAuthInput,
  FEED_NAME,
  type FeedDetails,
  type FeedOverview,
  feedSettingsOf,
  listFeeds,
  removeFeed,
  resolveFeed,
  type SetFeedInput,
  setFeed,
  showFeed,
} from "./registry.ts";
export {
  mergeSettings,
  type SettingsPatch,
  settingsPatchFromAssignments,
} from "./settings-input.ts";
