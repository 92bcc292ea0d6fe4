import {
  buildAuthorizeUrl,
  consumeOAuthState,
  createOAuthState,
  describeOAuthStateFailure,
  encryptCredentials,
  exchangeCode,
  HiboutikOAuthError,
  hiboutikOAuthEndpoints,
  type OneTimeStore,
  parseCallback,
  toOAuthCredentials,
} from "@comptoir/auth";
import { type Database, type DatabaseOrTransaction, schema } from "@comptoir/db";
import { eq, lt } from "drizzle-orm";
import type { ClientServices } from "./account-client.ts";
import { type AccountSummary, findAccount, summarize } from "./accounts.ts";
import { AccountError } from "./errors.ts";
import { requireOAuthApp } from "./oauth-app.ts";

/** Used OAuth states, in the database, so a replay is refused by any process. */
export function oauthStateStore(db: DatabaseOrTransaction): OneTimeStore {
  return {
    async markUsed(nonce) {
      // States live 10 minutes; anything a day old is only history.
      await db
        .delete(schema.oauthStates)
        .where(lt(schema.oauthStates.usedAt, new Date(Date.now() - 86_400_000)));
      const inserted = await db
        .insert(schema.oauthStates)
        .values({ nonce })
        .onConflictDoNothing()
        .returning({ nonce: schema.oauthStates.nonce });
      return inserted.length === 1;
    },
  };
}

/**
 * Step 1 of connecting a shop by OAuth: the Hiboutik consent URL to send the shop owner to.
 * `binding` is a random value the caller also puts in a cookie, so only the browser that
 * started the flow can finish it.
 */
export async function startOAuthConnect(
  db: Database,
  services: ClientServices,
  input: { readonly accountName: string; readonly binding: string },
): Promise<{ readonly authorizeUrl: string; readonly expiresAt: Date }> {
  const app = requireOAuthApp(services.oauthApp);
  const account = await findAccount(db, input.accountName);
  if (account.authKind !== "oauth") {
    throw new AccountError(
      "OAUTH_FAILED",
      `Account "${account.name}" uses an API key, not OAuth. Remove it and add it again with --oauth to connect it by OAuth.`,
    );
  }
  const now = services.now?.() ?? new Date();
  const { state, expiresAt } = createOAuthState(services.ring, {
    account: account.name,
    binding: input.binding,
    now,
  });
  const authorizeUrl = buildAuthorizeUrl({
    account: account.hiboutikAccount,
    apiBaseUrl: account.apiUrl ?? undefined,
    clientId: app.clientId,
    state,
    redirectUri: app.redirectUri,
    now,
  });
  return { authorizeUrl, expiresAt };
}

/**
 * Step 2: Hiboutik sent the shop owner back to our callback. Checks the state (signed, bound
 * to the browser, unexpired, never used before), exchanges the code and stores the tokens.
 */
export async function finishOAuthConnect(
  db: Database,
  services: ClientServices,
  input: { readonly callbackUrl: string; readonly binding: string | undefined },
): Promise<AccountSummary> {
  const app = requireOAuthApp(services.oauthApp);
  const callback = parseCallback(input.callbackUrl);
  if (callback.outcome === "invalid") {
    throw new AccountError(
      "OAUTH_FAILED",
      "This is not a Hiboutik OAuth callback (no code and no error). Start again from /oauth/hiboutik/start.",
    );
  }
  if (callback.outcome === "refused") {
    throw new AccountError(
      "OAUTH_FAILED",
      `The connection was not approved on Hiboutik: ${callback.description} Start again from /oauth/hiboutik/start when the shop owner is ready.`,
    );
  }
  const now = services.now?.() ?? new Date();
  const state = await consumeOAuthState(services.ring, callback.state, {
    binding: input.binding,
    now,
    markUsed: oauthStateStore(db).markUsed,
  });
  if (!state.ok) throw new AccountError("OAUTH_FAILED", describeOAuthStateFailure(state.reason));

  const account = await findAccount(db, state.account);
  const { tokenUrl } = hiboutikOAuthEndpoints({
    account: account.hiboutikAccount,
    apiBaseUrl: account.apiUrl ?? undefined,
  });
  let credentials: ReturnType<typeof toOAuthCredentials>;
  try {
    const tokens = await exchangeCode({
      tokenUrl,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      code: callback.code,
      redirectUri: app.redirectUri,
      fetch: services.fetch,
      now,
    });
    credentials = toOAuthCredentials(tokens);
  } catch (error) {
    if (error instanceof HiboutikOAuthError) {
      throw new AccountError(
        "OAUTH_FAILED",
        `Hiboutik did not complete the connection: ${error.message}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  const [updated] = await db
    .update(schema.accounts)
    .set({
      credentials: encryptCredentials(services.ring, credentials, account.id),
      tokenExpiresAt: credentials.expiresAt,
      status: "active",
      statusReason: null,
    })
    .where(eq(schema.accounts.id, account.id))
    .returning();
  return summarize(updated ?? account);
}
