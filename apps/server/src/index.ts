export { type App, type AppDependencies, type AppEnv, createApp } from "./app.ts";
export { ApiError, ERROR_STATUS, type ErrorCode } from "./errors.ts";
export { type RunningServer, startServer } from "./serve.ts";
