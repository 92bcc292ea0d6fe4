import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { createLogger } from "@comptoir/logger";

export const quietLogger = createLogger({ level: "silent" });

/** An account row and `count` feed rows, written directly (the verbs live in other packages). */
export async function accountWithFeeds(
  db: DatabaseOrTransaction,
  count: number,
  name = "shop",
): Promise<{ accountId: string; feedIds: string[] }> {
  const [account] = await db
    .insert(schema.accounts)
    .values({ name, hiboutikAccount: name, authKind: "basic" })
    .returning({ id: schema.accounts.id });
  if (!account) throw new Error("no account");
  const feedIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const [feed] = await db
      .insert(schema.feeds)
      .values({
        accountId: account.id,
        name: `feed-${i}`,
        channel: "csv",
        profile: "generic-csv",
        settings: {},
      })
      .returning({ id: schema.feeds.id });
    if (feed) feedIds.push(feed.id);
  }
  return { accountId: account.id, feedIds };
}

/** Polls until `done()` holds (no timed assertion: the test's own timeout is the limit). */
export async function eventually(done: () => Promise<boolean>, pauseMs = 50): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, pauseMs));
}
