import { createSimulator, type Simulator } from "@comptoir/hiboutik-sim";
import { describe, expect, it } from "vitest";
import { OAuthInvalidClientError, OAuthInvalidGrantError } from "../src/oauth/errors.ts";
import {
  buildAuthorizeUrl,
  DEFAULT_HIBOUTIK_SCOPES,
  exchangeCode,
  hiboutikOAuthEndpoints,
  type OAuthTokens,
  parseCallback,
  refreshTokens,
  shouldRefresh,
} from "../src/oauth/hiboutik-oauth.ts";
import {
  consumeOAuthState,
  createBrowserBinding,
  createMemoryOneTimeStore,
  createOAuthState,
} from "../src/oauth/state.ts";
import { key, ring } from "./helpers.ts";

/**
 * End to end against @comptoir/hiboutik-sim: authorize (the simulated merchant consents or
 * refuses at once and is redirected to the registered URI) → callback → code exchange → API call
 * with the Bearer token → refresh.
 */
function setup(options: Parameters<typeof createSimulator>[0] = {}) {
  let now = new Date("2026-03-01T12:00:00Z");
  const sim = createSimulator({ products: 5, now: () => now, ...options });
  const account = sim.account.name;
  const endpoints = hiboutikOAuthEndpoints({ account, apiBaseUrl: sim.baseUrl });
  const client = {
    clientId: sim.oauthClient.clientId,
    clientSecret: sim.oauthClient.clientSecret,
  };
  return {
    sim,
    account,
    endpoints,
    client,
    keys: ring(key("k1")),
    store: createMemoryOneTimeStore(() => now),
    binding: createBrowserBinding(),
    now: () => now,
    advance: (seconds: number) => {
      now = new Date(now.getTime() + seconds * 1000);
    },
  };
}

type Setup = ReturnType<typeof setup>;

/** What the browser does: open the authorize URL, follow Hiboutik's redirect to our callback. */
async function authorize(t: Setup): Promise<{ callbackUrl: string; state: string }> {
  const { state } = createOAuthState(t.keys, {
    account: t.account,
    binding: t.binding,
    now: t.now(),
  });
  const url = buildAuthorizeUrl({
    account: t.account,
    apiBaseUrl: t.sim.baseUrl,
    clientId: t.client.clientId,
    state,
    now: t.now(),
  });
  const response = await t.sim.fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const location = response.headers.get("location");
  expect(location?.startsWith(t.sim.oauthClient.redirectUri)).toBe(true);
  return { callbackUrl: location ?? "", state };
}

async function connect(t: Setup): Promise<OAuthTokens> {
  const { callbackUrl } = await authorize(t);
  const callback = parseCallback(callbackUrl);
  if (callback.outcome !== "authorized") throw new Error(`not authorized: ${callback.outcome}`);
  const checked = await consumeOAuthState(t.keys, callback.state, {
    binding: t.binding,
    now: t.now(),
    markUsed: t.store.markUsed,
  });
  expect(checked).toMatchObject({ ok: true, account: t.account });
  return exchangeCode({
    tokenUrl: t.endpoints.tokenUrl,
    ...t.client,
    code: callback.code,
    fetch: t.sim.fetch,
    now: t.now(),
  });
}

async function callApi(sim: Simulator, accessToken: string): Promise<Response> {
  return sim.fetch(`${sim.baseUrl}/products/`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
  });
}

describe("Hiboutik OAuth against the simulator", () => {
  it("connects: authorize, callback with our state intact, code exchange, API call", async () => {
    const t = setup();
    const { callbackUrl, state } = await authorize(t);
    const callback = parseCallback(callbackUrl);
    expect(callback).toMatchObject({ outcome: "authorized", state });
    if (callback.outcome !== "authorized") return;
    expect(callback.timestamp).toBe(String(t.now().getTime() / 1000));

    const checked = await consumeOAuthState(t.keys, callback.state, {
      binding: t.binding,
      now: t.now(),
      markUsed: t.store.markUsed,
    });
    expect(checked).toMatchObject({ ok: true, account: t.account });

    const tokens = await exchangeCode({
      tokenUrl: t.endpoints.tokenUrl,
      ...t.client,
      code: callback.code,
      fetch: t.sim.fetch,
      now: t.now(),
    });
    expect(tokens.accessToken).toMatch(/^[0-9a-f]{40}$/);
    expect(tokens.refreshToken).toMatch(/^[0-9a-f]{40}$/);
    expect(tokens.scope).toBe(DEFAULT_HIBOUTIK_SCOPES.join(" "));
    expect(tokens.expiresAt).toEqual(new Date(t.now().getTime() + 365 * 86_400_000));
    expect(shouldRefresh(tokens, t.now())).toBe(false);
    expect((await callApi(t.sim, tokens.accessToken)).status).toBe(200);

    // The same callback cannot be used twice: our state is spent, and so is Hiboutik's code.
    const replayed = await consumeOAuthState(t.keys, callback.state, {
      binding: t.binding,
      now: t.now(),
      markUsed: t.store.markUsed,
    });
    expect(replayed).toEqual({ ok: false, reason: "replayed" });
    await expect(
      exchangeCode({
        tokenUrl: t.endpoints.tokenUrl,
        ...t.client,
        code: callback.code,
        fetch: t.sim.fetch,
      }),
    ).rejects.toMatchObject({ name: "OAuthInvalidGrantError", grant: "authorization_code" });
  });

  it("refreshes an expired access token, and the rotated-out refresh token stops working", async () => {
    const t = setup();
    const first = await connect(t);
    t.sim.faults.expireTokens();
    const expired = await callApi(t.sim, first.accessToken);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { code?: number }).code).toBe(1);

    const second = await refreshTokens({
      tokenUrl: t.endpoints.tokenUrl,
      ...t.client,
      refreshToken: first.refreshToken,
      fetch: t.sim.fetch,
      now: t.now(),
    });
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await callApi(t.sim, second.accessToken)).status).toBe(200);

    const error = await refreshTokens({
      tokenUrl: t.endpoints.tokenUrl,
      ...t.client,
      refreshToken: first.refreshToken,
      fetch: t.sim.fetch,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthInvalidGrantError);
    expect((error as OAuthInvalidGrantError).grant).toBe("refresh_token");
    expect((error as Error).message).toContain("Invalid refresh token");
    expect((error as Error).message).not.toContain(first.refreshToken);
  });

  it("reports an expired refresh token as invalid_grant", async () => {
    const t = setup({ refreshTokenTtlSeconds: 3600 });
    const tokens = await connect(t);
    t.advance(3601);
    await expect(
      refreshTokens({
        tokenUrl: t.endpoints.tokenUrl,
        ...t.client,
        refreshToken: tokens.refreshToken,
        fetch: t.sim.fetch,
      }),
    ).rejects.toBeInstanceOf(OAuthInvalidGrantError);
  });

  it("reports an unknown refresh token as invalid_grant", async () => {
    const t = setup();
    await expect(
      refreshTokens({
        tokenUrl: t.endpoints.tokenUrl,
        ...t.client,
        refreshToken: "0".repeat(40),
        fetch: t.sim.fetch,
      }),
    ).rejects.toBeInstanceOf(OAuthInvalidGrantError);
  });

  it("relays a refused consent with Hiboutik's description", async () => {
    const t = setup();
    t.sim.faults.set({ oauthConsent: "deny" });
    const { callbackUrl, state } = await authorize(t);
    expect(parseCallback(callbackUrl)).toEqual({
      outcome: "refused",
      error: "access_denied",
      description: "The user denied access to your application",
      state,
    });
  });

  it("refuses an authorization code that waited too long", async () => {
    const t = setup();
    const { callbackUrl } = await authorize(t);
    const callback = parseCallback(callbackUrl);
    if (callback.outcome !== "authorized") throw new Error("expected a code");
    t.advance(60);
    await expect(
      exchangeCode({
        tokenUrl: t.endpoints.tokenUrl,
        ...t.client,
        code: callback.code,
        fetch: t.sim.fetch,
      }),
    ).rejects.toBeInstanceOf(OAuthInvalidGrantError);
  });

  it("reports a wrong client secret as OAuthInvalidClientError", async () => {
    const t = setup();
    const tokens = await connect(t);
    await expect(
      refreshTokens({
        tokenUrl: t.endpoints.tokenUrl,
        clientId: t.client.clientId,
        clientSecret: "wrong",
        refreshToken: tokens.refreshToken,
        fetch: t.sim.fetch,
      }),
    ).rejects.toBeInstanceOf(OAuthInvalidClientError);
  });

  it("works over real HTTP with the global fetch", async () => {
    const t = setup();
    const server = await t.sim.listen();
    try {
      const apiBaseUrl = `${server.url}/api`;
      const endpoints = hiboutikOAuthEndpoints({ account: t.account, apiBaseUrl });
      const { state } = createOAuthState(t.keys, {
        account: t.account,
        binding: t.binding,
        now: t.now(),
      });
      const authorizeUrl = buildAuthorizeUrl({
        account: t.account,
        apiBaseUrl,
        clientId: t.client.clientId,
        state,
      });
      const response = await fetch(authorizeUrl, { redirect: "manual" });
      const callback = parseCallback(response.headers.get("location") ?? "");
      if (callback.outcome !== "authorized") throw new Error("expected a code");
      const tokens = await exchangeCode({
        tokenUrl: endpoints.tokenUrl,
        ...t.client,
        code: callback.code,
      });
      const refreshed = await refreshTokens({
        tokenUrl: endpoints.tokenUrl,
        ...t.client,
        refreshToken: tokens.refreshToken,
      });
      expect(refreshed.accessToken).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      await server.close();
    }
  });
});
