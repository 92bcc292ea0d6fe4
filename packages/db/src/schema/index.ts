// One file per entity; this index is what drizzle-kit reads and what `Database` is typed with.
export * from "./accounts.ts";
export * from "./admin-keys.ts";
export * from "./api-usage.ts";
export * from "./catalog.ts";
export * from "./oauth-states.ts";
export * from "./sync-runs.ts";
