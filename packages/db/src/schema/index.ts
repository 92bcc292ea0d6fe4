// One file per entity; this index is what drizzle-kit reads and what `Database` is typed with.
export * from "./accounts.ts";
