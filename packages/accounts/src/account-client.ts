import {
  createHiboutikClient,
  type HiboutikClient,
  type HiboutikClientOptions,
} from "@comptoir/api-client";
import {
  decryptCredentials,
  encryptCredentials,
  hiboutikOAuthEndpoints,
  type OAuthCredentials,
  OAuthInvalidClientError,
  OAuthInvalidGrantError,
  refreshTokens,
  shouldRefresh,
} from "@comptoir/auth";
import { type Database, schema } from "@comptoir/db";
import { eq } from "drizzle-orm";
import type { AccountServices } from "./add-account.ts";
import { AccountError } from "./errors.ts";
import { type OAuthApp, requireOAuthApp } from "./oauth-app.ts";
import { createUsageRecorder, type UsageRecorder } from "./usage.ts";

export interface ClientServices extends AccountServices {
  /** Needed to refresh OAuth tokens. */
  readonly oauthApp?: OAuthApp;
}

export interface AccountClient {
  readonly account: schema.Account;
  readonly client: HiboutikClient;
  /** Counts the client's calls; `flush(db)` adds them to the account's month. */
  readonly usage: UsageRecorder;
}

/**
 * An authenticated Hiboutik client for a registered account. OAuth tokens about to expire are
 * refreshed first, and a token Hiboutik rejects (`code == 1`) is refreshed and the call replayed.
 */
export async function openAccountClient(
  db: Database,
  services: ClientServices,
  account: schema.Account,
  options: Pick<HiboutikClientOptions, "concurrency" | "timeoutMs" | "retry" | "sleep"> = {},
): Promise<AccountClient> {
  assertUsable(account);
  const usage = createUsageRecorder(account.id);
  const base = {
    account: account.hiboutikAccount,
    baseUrl: account.apiUrl ?? undefined,
    fetch: services.fetch,
    monthlyQuota: account.monthlyCallQuota,
    onCall: usage.listener,
    ...options,
  } satisfies Partial<HiboutikClientOptions>;
  const credentials = decryptCredentials(services.ring, account.credentials ?? "", account.id);
  if (credentials.kind === "basic") {
    const client = createHiboutikClient({ ...base, auth: { type: "basic", ...credentials } });
    return { account, client, usage };
  }
  let current = credentials;
  const now = services.now?.() ?? new Date();
  if (shouldRefresh(current, now))
    current = await refreshAccountTokens(db, services, account, current.accessToken);
  const client = createHiboutikClient({
    ...base,
    auth: {
      type: "oauth",
      accessToken: current.accessToken,
      refresh: async () => {
        current = await refreshAccountTokens(db, services, account, current.accessToken);
        return current.accessToken;
      },
    },
  });
  return { account, client, usage };
}

function assertUsable(account: schema.Account): void {
  if (account.status === "pending") {
    throw new AccountError(
      "ACCOUNT_PENDING",
      `Account "${account.name}" is waiting for the shop's consent on Hiboutik. Open /oauth/hiboutik/start?account=${account.name} on the Comptoir service and approve the app.`,
    );
  }
  if (account.status === "disconnected") {
    throw new AccountError(
      "ACCOUNT_DISCONNECTED",
      `Account "${account.name}" is disconnected: ${account.statusReason ?? "Hiboutik no longer accepts its credentials"}. ` +
        (account.authKind === "oauth"
          ? `Reconnect it at /oauth/hiboutik/start?account=${account.name}.`
          : `Remove it and add it again with a valid API key.`),
    );
  }
}

/**
 * Refreshes an account's OAuth tokens, once across all processes: the account row is locked
 * (`FOR UPDATE`) for the refresh, and a caller that waited for the lock finds the tokens another
 * process already refreshed and uses them instead of spending (and rotating) the refresh token.
 * A refresh token Hiboutik refuses marks the account disconnected.
 */
export async function refreshAccountTokens(
  db: Database,
  services: ClientServices,
  account: schema.Account,
  staleAccessToken: string,
): Promise<OAuthCredentials> {
  const app = requireOAuthApp(services.oauthApp);
  let disconnected: Error | undefined;
  const tokens = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(schema.accounts)
      .where(eq(schema.accounts.id, account.id))
      .for("update");
    if (!row?.credentials)
      throw new AccountError("ACCOUNT_NOT_FOUND", `Account "${account.name}" no longer exists.`);
    const stored = decryptCredentials(services.ring, row.credentials, row.id);
    if (stored.kind !== "oauth")
      throw new AccountError("OAUTH_FAILED", `Account "${row.name}" does not use OAuth.`);
    const now = services.now?.() ?? new Date();
    if (stored.accessToken !== staleAccessToken && !shouldRefresh(stored, now)) return stored;

    const { tokenUrl } = hiboutikOAuthEndpoints({
      account: row.hiboutikAccount,
      apiBaseUrl: row.apiUrl ?? undefined,
    });
    try {
      const fresh = await refreshTokens({
        tokenUrl,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        refreshToken: stored.refreshToken,
        fetch: services.fetch,
        now,
      });
      const next: OAuthCredentials = { kind: "oauth", ...fresh };
      await tx
        .update(schema.accounts)
        .set({
          credentials: encryptCredentials(services.ring, next, row.id),
          tokenExpiresAt: fresh.expiresAt,
        })
        .where(eq(schema.accounts.id, row.id));
      return next;
    } catch (error) {
      if (error instanceof OAuthInvalidGrantError || error instanceof OAuthInvalidClientError) {
        const reason = `Hiboutik refused to refresh its access (${error.message})`;
        await tx
          .update(schema.accounts)
          .set({ status: "disconnected", statusReason: reason })
          .where(eq(schema.accounts.id, row.id));
        disconnected = new AccountError(
          "ACCOUNT_DISCONNECTED",
          `Account "${row.name}" is disconnected: ${reason}. The shop must approve the app again at /oauth/hiboutik/start?account=${row.name}.`,
          { cause: error },
        );
        return undefined;
      }
      throw error;
    }
  });
  // Thrown after the commit, so the "disconnected" mark is kept.
  if (disconnected || !tokens) throw disconnected ?? new Error("refresh produced no tokens");
  return tokens;
}
