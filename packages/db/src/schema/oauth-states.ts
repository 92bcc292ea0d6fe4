import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per OAuth `state` nonce that has been used: the callback inserts it, and a second
 * insert of the same nonce (a replay) fails. Rows older than the state lifetime can be purged.
 */
export const oauthStates = pgTable("oauth_states", {
  nonce: text().primaryKey(),
  usedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
