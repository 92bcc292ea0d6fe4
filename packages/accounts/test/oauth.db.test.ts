import { createBrowserBinding, decryptCredentials } from "@comptoir/auth";
import { schema } from "@comptoir/db";
import { createTestDatabase, dbTest as test } from "@comptoir/testing";
import { describe, expect, it } from "vitest";
import {
  AccountError,
  addAccount,
  findAccount,
  finishOAuthConnect,
  openAccountClient,
  refreshAccountTokens,
  startOAuthConnect,
} from "../src/index.ts";
import { binding, consent, shop } from "./support.ts";

type Shop = ReturnType<typeof shop>;
type Db = Parameters<typeof addAccount>[0];

/** Adds an OAuth account and walks the shop owner through consent. */
async function connect(db: Db, { sim, services }: Shop, name = "oshop") {
  const pending = await addAccount(db, services, {
    name,
    hiboutikAccount: "demo-shop",
    apiUrl: sim.baseUrl,
    credentials: { kind: "oauth" },
  });
  expect(pending.status).toBe("pending");
  const { authorizeUrl } = await startOAuthConnect(db, services, { accountName: name, binding });
  const callbackUrl = await consent(sim, authorizeUrl);
  const connected = await finishOAuthConnect(db, services, { callbackUrl, binding });
  return { connected, callbackUrl, authorizeUrl };
}

async function failure(promise: Promise<unknown>): Promise<AccountError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccountError);
  return error as AccountError;
}

describe("connecting a shop by OAuth", () => {
  test("consent, code exchange, then API calls with the stored token", async ({ db }) => {
    const world = shop();
    const { connected, authorizeUrl } = await connect(db, world);
    expect(connected.status).toBe("active");
    expect(new URL(authorizeUrl).hostname).toBe("demo-shop.hiboutik.com");

    const account = await findAccount(db, "oshop");
    expect(account.credentials).toMatch(/^v1\./);
    expect(account.tokenExpiresAt).toBeInstanceOf(Date);
    const { client } = await openAccountClient(db, world.services, account);
    for await (const page of client.brands.list().pages())
      expect(page.values.length).toBeGreaterThan(0);
  });

  test("refuses a replayed state, another browser, and a refused consent", async ({ db }) => {
    const world = shop();
    const { callbackUrl } = await connect(db, world);
    const replay = await failure(finishOAuthConnect(db, world.services, { callbackUrl, binding }));
    expect(replay.code).toBe("OAUTH_FAILED");
    expect(replay.message).toMatch(/already|used/i);

    const { authorizeUrl } = await startOAuthConnect(db, world.services, {
      accountName: "oshop",
      binding,
    });
    const fresh = await consent(world.sim, authorizeUrl);
    const stranger = await failure(
      finishOAuthConnect(db, world.services, {
        callbackUrl: fresh,
        binding: createBrowserBinding(),
      }),
    );
    expect(stranger.code).toBe("OAUTH_FAILED");

    world.sim.faults.set({ oauthConsent: "deny" });
    const again = await startOAuthConnect(db, world.services, { accountName: "oshop", binding });
    const refused = await failure(
      finishOAuthConnect(db, world.services, {
        callbackUrl: await consent(world.sim, again.authorizeUrl),
        binding,
      }),
    );
    expect(refused.message).toContain("not approved");
  });

  test("refuses an expired state", async ({ db }) => {
    const world = shop();
    await addAccount(db, world.services, {
      name: "late",
      hiboutikAccount: "demo-shop",
      apiUrl: world.sim.baseUrl,
      credentials: { kind: "oauth" },
    });
    const { authorizeUrl } = await startOAuthConnect(db, world.services, {
      accountName: "late",
      binding,
    });
    const callbackUrl = await consent(world.sim, authorizeUrl);
    world.advance(11 * 60);
    expect(
      (await failure(finishOAuthConnect(db, world.services, { callbackUrl, binding }))).message,
    ).toMatch(/took longer than 10 minutes/);
    expect((await findAccount(db, "late")).status).toBe("pending");
  });

  test("refreshes when Hiboutik says the token expired (code 1), and before expiry", async ({
    db,
  }) => {
    const world = shop();
    await connect(db, world);
    const account = await findAccount(db, "oshop");
    const { client } = await openAccountClient(db, world.services, account);
    world.sim.faults.expireTokens();
    for await (const page of client.taxes.list().pages())
      expect(page.values.length).toBeGreaterThan(0);
    expect(world.refreshes()).toBe(1);
    const refreshed = await findAccount(db, "oshop");
    expect(refreshed.credentials).not.toBe(account.credentials);

    // Close to expiry, opening a client refreshes first.
    world.advance(365 * 86_400 - 30);
    await openAccountClient(db, world.services, refreshed);
    expect(world.refreshes()).toBe(2);
  });

  test("marks the account disconnected when the refresh token is revoked", async ({ db }) => {
    const world = shop({ refreshTokenTtlSeconds: 60 });
    await connect(db, world);
    world.advance(3600);
    const account = await findAccount(db, "oshop");
    const { client } = await openAccountClient(db, world.services, account);
    world.sim.faults.expireTokens();
    const error = await client.taxes
      .list()
      .values()
      .next()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(String((error as Error)?.message)).toMatch(/disconnected/);
    const after = await findAccount(db, "oshop");
    expect(after.status).toBe("disconnected");
    expect((await failure(openAccountClient(db, world.services, after))).code).toBe(
      "ACCOUNT_DISCONNECTED",
    );
  });
});

describe("concurrent refreshes", () => {
  it("of one account from two connections spend the refresh token once", async () => {
    const database = await createTestDatabase();
    try {
      const world = shop();
      const { db } = database.handle;
      await connect(db, world);
      const account = await findAccount(db, "oshop");
      const stale = (await openAccountClient(db, world.services, account)).client;
      expect(stale).toBeDefined();
      world.sim.faults.expireTokens();
      const creds = decryptCredentials(world.ring, account.credentials ?? "", account.id);
      if (creds.kind !== "oauth") throw new Error("expected OAuth credentials");
      // Two workers notice the same stale token at once.
      const [a, b] = await Promise.all([
        refreshAccountTokens(db, world.services, account, creds.accessToken),
        refreshAccountTokens(db, world.services, account, creds.accessToken),
      ]);
      expect(world.refreshes()).toBe(1);
      expect(a.accessToken).toBe(b.accessToken);
      expect(await db.$count(schema.accounts)).toBe(1);
    } finally {
      await database.dispose();
    }
  });
});
