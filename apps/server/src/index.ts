export { type App, type AppDependencies, type AppEnv, createApp } from "./app.ts";
export { ApiError, ERROR_STATUS, type ErrorCode } from "./errors.ts";
export { createFeedServing, type FeedServing } from "./feeds/feed-serving.ts";
export { type FeedFetchSummaryRow, feedFetchSummary } from "./feeds/fetch-summary.ts";
export { createJobHandlers, type WorkerDependencies } from "./jobs/handlers.ts";
export { type RunningServer, startServer } from "./serve.ts";
export {
  type RunningService,
  type ServiceOptions,
  type ServiceRole,
  startService,
} from "./service.ts";
