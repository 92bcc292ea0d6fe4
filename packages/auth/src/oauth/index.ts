export * from "./errors.ts";
export * from "./hiboutik-oauth.ts";
export * from "./state.ts";
