import { describe, expect, it } from "vitest";
import {
  HiboutikOAuthError,
  OAuthInvalidClientError,
  OAuthInvalidGrantError,
  OAuthProtocolError,
  OAuthUnavailableError,
} from "../src/oauth/errors.ts";
import {
  buildAuthorizeUrl,
  exchangeCode,
  type FetchLike,
  hiboutikOAuthEndpoints,
  parseCallback,
  refreshTokens,
  shouldRefresh,
  toOAuthCredentials,
} from "../src/oauth/hiboutik-oauth.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const CLIENT = { clientId: "comptoir_app", clientSecret: "cl1ent-s3cret" };
const TOKEN_URL = "https://myshop.hiboutik.com/oauth_api/token.php";

interface Recorded {
  url: string;
  init: RequestInit;
}

/** A token endpoint double that records requests and answers with a fixed response. */
function fakeTokenEndpoint(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Recorded[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(text, {
      status,
      headers: { "content-type": "application/json", ...headers },
    });
  };
  return { fetch, calls };
}

async function rejection(promise: Promise<unknown>): Promise<HiboutikOAuthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HiboutikOAuthError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

const TOKEN_RESPONSE = {
  access_token: "a".repeat(40),
  expires_in: 16_000_000,
  token_type: "Bearer",
  scope: "basic_api",
  refresh_token: "r".repeat(40),
};

describe("hiboutikOAuthEndpoints / buildAuthorizeUrl", () => {
  it("points at the shop's own subdomain", () => {
    expect(hiboutikOAuthEndpoints({ account: "myshop" })).toEqual({
      authorizeUrl: "https://myshop.hiboutik.com/oauth_api/authorize/",
      tokenUrl: TOKEN_URL,
    });
  });

  it("puts the OAuth endpoints beside an overridden API base", () => {
    expect(
      hiboutikOAuthEndpoints({ account: "s", apiBaseUrl: "http://127.0.0.1:4010/api/" }),
    ).toEqual({
      authorizeUrl: "http://127.0.0.1:4010/oauth_api/authorize/",
      tokenUrl: "http://127.0.0.1:4010/oauth_api/token.php",
    });
    expect(
      hiboutikOAuthEndpoints({ account: "s", apiBaseUrl: "https://proxy.example/hiboutik/s/api" })
        .tokenUrl,
    ).toBe("https://proxy.example/hiboutik/s/oauth_api/token.php");
  });

  it("builds the authorize URL with Hiboutik's parameters and no redirect_uri by default", () => {
    const url = new URL(
      buildAuthorizeUrl({ account: "myshop", clientId: "comptoir_app", state: "abc123", now: NOW }),
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://myshop.hiboutik.com/oauth_api/authorize/");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "comptoir_app",
      scope: "read_products read_inventory read_sales read_customers read_settings",
      state: "abc123",
      account: "myshop",
      timestamp: String(NOW.getTime() / 1000),
    });
  });

  it("adds redirect_uri and custom scopes when asked", () => {
    const url = new URL(
      buildAuthorizeUrl({
        account: "myshop",
        clientId: "c",
        state: "s",
        scopes: ["basic_api"],
        redirectUri: "https://comptoir.example/oauth/hiboutik/callback",
      }),
    );
    expect(url.searchParams.get("scope")).toBe("basic_api");
    expect(url.searchParams.get("redirect_uri")).toBe(
      "https://comptoir.example/oauth/hiboutik/callback",
    );
  });

  it.each(["", "My Shop", "evil.com", "a/b", "shop.evil", "x@y"])(
    "rejects the account %j",
    (account) => {
      expect(() => buildAuthorizeUrl({ account, clientId: "c", state: "s" })).toThrow(RangeError);
    },
  );
});

describe("parseCallback", () => {
  const base = "https://comptoir.example/oauth/hiboutik/callback";

  it("returns the code and state", () => {
    expect(parseCallback(`${base}?code=xyz&state=abc&timestamp=1700000000&account=myshop`)).toEqual(
      {
        outcome: "authorized",
        code: "xyz",
        state: "abc",
        account: "myshop",
        timestamp: "1700000000",
      },
    );
  });

  it("returns a refusal with Hiboutik's description", () => {
    expect(
      parseCallback(
        `${base}?error=access_denied&error_description=The+user+denied+access&state=abc`,
      ),
    ).toEqual({
      outcome: "refused",
      error: "access_denied",
      description: "The user denied access",
      state: "abc",
    });
    expect(parseCallback(`${base}?error=access_denied`)).toMatchObject({
      outcome: "refused",
      description: "The connection was refused on Hiboutik.",
      state: undefined,
    });
  });

  it("reports a callback with neither code nor error as invalid", () => {
    expect(parseCallback(`${base}?state=abc`)).toMatchObject({ outcome: "invalid" });
    expect(parseCallback(base)).toMatchObject({ outcome: "invalid" });
  });
});

describe("exchangeCode", () => {
  it("posts the code with HTTP Basic client authentication and parses the tokens", async () => {
    const endpoint = fakeTokenEndpoint(200, TOKEN_RESPONSE);
    const tokens = await exchangeCode({
      tokenUrl: TOKEN_URL,
      ...CLIENT,
      code: "the-code",
      fetch: endpoint.fetch,
      now: NOW,
    });
    expect(tokens).toEqual({
      accessToken: "a".repeat(40),
      refreshToken: "r".repeat(40),
      expiresAt: new Date(NOW.getTime() + 16_000_000_000),
      scope: "basic_api",
    });
    const [call] = endpoint.calls;
    expect(call?.url).toBe(TOKEN_URL);
    expect(call?.init.method).toBe("POST");
    const headers = new Headers(call?.init.headers);
    expect(headers.get("authorization")).toBe(
      `Basic ${Buffer.from("comptoir_app:cl1ent-s3cret").toString("base64")}`,
    );
    expect(headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(String(call?.init.body)))).toEqual({
      grant_type: "authorization_code",
      code: "the-code",
    });
  });

  it("sends redirect_uri when given", async () => {
    const endpoint = fakeTokenEndpoint(200, TOKEN_RESPONSE);
    await exchangeCode({
      tokenUrl: TOKEN_URL,
      ...CLIENT,
      code: "c",
      redirectUri: "https://x/cb",
      fetch: endpoint.fetch,
    });
    expect(new URLSearchParams(String(endpoint.calls[0]?.init.body)).get("redirect_uri")).toBe(
      "https://x/cb",
    );
  });

  it("accepts PHP-style numeric strings and a missing expires_in", async () => {
    const asString = fakeTokenEndpoint(200, { ...TOKEN_RESPONSE, expires_in: "3600" });
    const tokens = await exchangeCode({
      tokenUrl: TOKEN_URL,
      ...CLIENT,
      code: "c",
      fetch: asString.fetch,
      now: NOW,
    });
    expect(tokens.expiresAt).toEqual(new Date(NOW.getTime() + 3_600_000));
    const { expires_in: _omitted, ...withoutExpiry } = TOKEN_RESPONSE;
    const missing = fakeTokenEndpoint(200, withoutExpiry);
    const fallback = await exchangeCode({
      tokenUrl: TOKEN_URL,
      ...CLIENT,
      code: "c",
      fetch: missing.fetch,
      now: NOW,
    });
    expect(fallback.expiresAt).toEqual(new Date(NOW.getTime() + 365 * 86_400_000));
  });

  it("turns invalid_grant into OAuthInvalidGrantError without echoing the code", async () => {
    const endpoint = fakeTokenEndpoint(400, {
      error: "invalid_grant",
      error_description: "Authorization code doesn't exist or is invalid for the client",
    });
    const error = await rejection(
      exchangeCode({
        tokenUrl: TOKEN_URL,
        ...CLIENT,
        code: "secret-code-123",
        fetch: endpoint.fetch,
      }),
    );
    expect(error).toBeInstanceOf(OAuthInvalidGrantError);
    expect((error as OAuthInvalidGrantError).grant).toBe("authorization_code");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Authorization code doesn't exist");
    expect(error.message).not.toContain("secret-code-123");
  });

  it("refuses a 200 answer without a token or without a refresh token", async () => {
    for (const body of [
      "<html>maintenance</html>",
      { access_token: "x", token_type: "mac" },
      { access_token: "x" },
    ]) {
      const endpoint = fakeTokenEndpoint(200, body);
      const error = await rejection(
        exchangeCode({ tokenUrl: TOKEN_URL, ...CLIENT, code: "c", fetch: endpoint.fetch }),
      );
      expect(error).toBeInstanceOf(OAuthProtocolError);
    }
  });
});

describe("refreshTokens", () => {
  const input = { tokenUrl: TOKEN_URL, ...CLIENT, refreshToken: "old-refresh-token", now: NOW };

  it("posts the refresh grant and returns the rotated tokens", async () => {
    const endpoint = fakeTokenEndpoint(200, { ...TOKEN_RESPONSE, refresh_token: "new-refresh" });
    const tokens = await refreshTokens({ ...input, fetch: endpoint.fetch });
    expect(tokens.refreshToken).toBe("new-refresh");
    expect(Object.fromEntries(new URLSearchParams(String(endpoint.calls[0]?.init.body)))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "old-refresh-token",
    });
  });

  it("keeps the current refresh token when Hiboutik does not rotate it", async () => {
    const { refresh_token: _omitted, ...withoutRefresh } = TOKEN_RESPONSE;
    const endpoint = fakeTokenEndpoint(200, withoutRefresh);
    expect((await refreshTokens({ ...input, fetch: endpoint.fetch })).refreshToken).toBe(
      "old-refresh-token",
    );
  });

  it("reports a revoked refresh token as OAuthInvalidGrantError", async () => {
    const endpoint = fakeTokenEndpoint(400, {
      error: "invalid_grant",
      error_description: "Invalid refresh token",
    });
    const error = await rejection(refreshTokens({ ...input, fetch: endpoint.fetch }));
    expect(error).toBeInstanceOf(OAuthInvalidGrantError);
    expect((error as OAuthInvalidGrantError).grant).toBe("refresh_token");
    expect(error.message).toMatch(/revoked or expired.*connected again/);
    expect(error.message).not.toContain("old-refresh-token");
    expect(error.status).toBe(400);
  });

  it("reports wrong client credentials as OAuthInvalidClientError", async () => {
    for (const [status, body] of [
      [400, { error: "invalid_client" }],
      [401, ""],
    ] as const) {
      const endpoint = fakeTokenEndpoint(status, body);
      const error = await rejection(refreshTokens({ ...input, fetch: endpoint.fetch }));
      expect(error).toBeInstanceOf(OAuthInvalidClientError);
      expect(error.message).not.toContain(CLIENT.clientSecret);
    }
  });

  it("reports 5xx and 429 as retryable", async () => {
    for (const status of [500, 502, 503, 429]) {
      const endpoint = fakeTokenEndpoint(status, "oops");
      const error = await rejection(refreshTokens({ ...input, fetch: endpoint.fetch }));
      expect(error).toBeInstanceOf(OAuthUnavailableError);
      expect(error.retryable).toBe(true);
      expect(error.status).toBe(status);
    }
  });

  it("reports other refusals with Hiboutik's error code", async () => {
    const endpoint = fakeTokenEndpoint(400, {
      error: "unsupported_grant_type",
      error_description: "nope\u0000\n",
    });
    const error = await rejection(refreshTokens({ ...input, fetch: endpoint.fetch }));
    expect(error).toBeInstanceOf(OAuthProtocolError);
    expect(error.oauthError).toBe("unsupported_grant_type");
    expect(error.message).toContain("HTTP 400 unsupported_grant_type: nope.");
  });

  it("reports network failures and timeouts as retryable", async () => {
    const down: FetchLike = async () => {
      throw new TypeError("fetch failed");
    };
    const error = await rejection(refreshTokens({ ...input, fetch: down }));
    expect(error).toBeInstanceOf(OAuthUnavailableError);
    expect(error.message).toContain("Could not reach Hiboutik (https://myshop.hiboutik.com)");
    expect(error.cause).toBeInstanceOf(TypeError);

    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const timeout = await rejection(refreshTokens({ ...input, fetch: hanging, timeoutMs: 20 }));
    expect(timeout).toBeInstanceOf(OAuthUnavailableError);
    expect(timeout.message).toContain("did not answer");
  });
});

describe("shouldRefresh / toOAuthCredentials", () => {
  it("refreshes within the skew window", () => {
    const expiresAt = new Date(NOW.getTime() + 120_000);
    expect(shouldRefresh({ expiresAt }, NOW)).toBe(false);
    expect(shouldRefresh({ expiresAt }, new Date(NOW.getTime() + 60_000))).toBe(true);
    expect(shouldRefresh({ expiresAt }, NOW, 300)).toBe(true);
    expect(shouldRefresh({ expiresAt }, new Date(NOW.getTime() + 200_000))).toBe(true);
  });

  it("maps tokens to storable credentials", () => {
    const tokens = { accessToken: "a", refreshToken: "r", expiresAt: NOW };
    expect(toOAuthCredentials(tokens)).toEqual({ kind: "oauth", ...tokens });
  });
});
