// One file per entity; this index is what drizzle-kit reads and what `Database` is typed with.
export * from "./accounts.ts";
export * from "./admin-keys.ts";
export * from "./api-usage.ts";
export * from "./catalog.ts";
export * from "./feed-fetches.ts";
export * from "./feeds.ts";
export * from "./invoices.ts";
export * from "./job-dead-letters.ts";
export * from "./oauth-states.ts";
export * from "./schedules.ts";
export * from "./sync-runs.ts";
export * from "./webhook-events.ts";
