import { describe, expect, it } from "vitest";
import type { Simulator } from "../src/index.ts";
import { basicHeader, fixedClock, get, simulator } from "./helpers.ts";

function authorizeUrl(sim: Simulator, params: Record<string, string> = {}): string {
  const url = new URL(`https://${sim.account.name}.hiboutik.com/oauth_api/authorize/`);
  const query = {
    response_type: "code",
    client_id: sim.oauthClient.clientId,
    scope: "read_products read_sales",
    state: "s-123",
    account: sim.account.name,
    timestamp: "1742032800",
    ...params,
  };
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

async function authorize(sim: Simulator, params: Record<string, string> = {}): Promise<URL> {
  const response = await sim.fetch(authorizeUrl(sim, params));
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

function tokenRequest(
  sim: Simulator,
  body: Record<string, string>,
  secret = sim.oauthClient.clientSecret,
): Promise<Response> {
  return sim.fetch(`https://${sim.account.name}.hiboutik.com/oauth_api/token.php`, {
    method: "POST",
    headers: {
      authorization: basicHeader(sim.oauthClient.clientId, secret),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(body).toString(),
  });
}

describe("OAuth authorization code grant", () => {
  it("redirects to the registered URI with code, state and timestamp, then exchanges the code", async () => {
    const sim = simulator();
    const callback = await authorize(sim);
    expect(`${callback.origin}${callback.pathname}`).toBe(sim.oauthClient.redirectUri);
    expect(callback.searchParams.get("state")).toBe("s-123");
    expect(callback.searchParams.get("timestamp")).toBe("1742032800");
    const code = callback.searchParams.get("code") ?? "";
    expect(code).toMatch(/^[0-9a-f]{40}$/);

    const response = await tokenRequest(sim, { grant_type: "authorization_code", code });
    expect(response.status).toBe(200);
    const token = (await response.json()) as Record<string, unknown>;
    expect(token).toMatchObject({
      access_token: expect.stringMatching(/^[0-9a-f]{40}$/),
      expires_in: 365 * 86_400,
      token_type: "Bearer",
      scope: "read_products read_sales",
      refresh_token: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(
      (await get(sim, "/products/1", { authorization: `Bearer ${String(token.access_token)}` }))
        .status,
    ).toBe(200);

    const reused = await tokenRequest(sim, { grant_type: "authorization_code", code });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("accepts client credentials in the body as well", async () => {
    const sim = simulator();
    const code = (await authorize(sim)).searchParams.get("code") ?? "";
    const response = await sim.fetch(`${sim.baseUrl.replace("/api", "")}/oauth_api/token.php`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        client_id: sim.oauthClient.clientId,
        client_secret: sim.oauthClient.clientSecret,
      }).toString(),
    });
    expect(response.status).toBe(200);
  });

  it("rejects bad clients, unknown grants and expired codes", async () => {
    const clock = fixedClock();
    const sim = simulator({ now: clock.now });
    const code = (await authorize(sim)).searchParams.get("code") ?? "";
    const badSecret = await tokenRequest(sim, { grant_type: "authorization_code", code }, "wrong");
    expect(badSecret.status).toBe(400);
    expect(await badSecret.json()).toMatchObject({ error: "invalid_client" });
    const password = await tokenRequest(sim, { grant_type: "password" });
    expect(await password.json()).toMatchObject({ error: "unsupported_grant_type" });
    clock.advance(31_000);
    const late = await tokenRequest(sim, { grant_type: "authorization_code", code });
    expect(await late.json()).toMatchObject({
      error: "invalid_grant",
      error_description: "The authorization code has expired",
    });
  });

  it("reports refusal and unknown clients", async () => {
    const sim = simulator();
    sim.faults.set({ oauthConsent: "deny" });
    const denied = await authorize(sim);
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("state")).toBe("s-123");
    expect(denied.searchParams.get("code")).toBeNull();
    const unknown = await sim.fetch(authorizeUrl(sim, { client_id: "nobody" }));
    expect(unknown.status).toBe(400);
    sim.faults.reset();
    const otherRedirect = await sim.fetch(
      authorizeUrl(sim, { redirect_uri: "https://evil.test/cb" }),
    );
    expect(otherRedirect.status).toBe(400);
    expect(await otherRedirect.json()).toMatchObject({ error: "redirect_uri_mismatch" });
    const sameRedirect = await authorize(sim, { redirect_uri: sim.oauthClient.redirectUri });
    expect(sameRedirect.searchParams.get("code")).toMatch(/^[0-9a-f]{40}$/);
    const badScope = await authorize(sim, { scope: "read_everything" });
    expect(badScope.searchParams.get("error")).toBe("invalid_scope");
  });
});

describe("OAuth refresh token grant", () => {
  it("refreshes an expired access token and rotates the refresh token", async () => {
    const clock = fixedClock();
    const sim = simulator({ now: clock.now, accessTokenTtlSeconds: 60 });
    const code = (await authorize(sim)).searchParams.get("code") ?? "";
    const first = (await (
      await tokenRequest(sim, { grant_type: "authorization_code", code })
    ).json()) as Record<string, string>;
    clock.advance(61_000);
    const expired = await get(sim, "/products/1", {
      authorization: `Bearer ${first.access_token}`,
    });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { code: number }).code).toBe(1);

    const refreshed = await tokenRequest(sim, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token ?? "",
    });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as Record<string, string>;
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.scope).toBe("read_products read_sales");
    expect(
      (await get(sim, "/products/1", { authorization: `Bearer ${second.access_token}` })).status,
    ).toBe(200);

    const replay = await tokenRequest(sim, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token ?? "",
    });
    expect(await replay.json()).toMatchObject({
      error: "invalid_grant",
      error_description: "Invalid refresh token",
    });
  });

  it("expires refresh tokens when a lifetime is configured", async () => {
    const clock = fixedClock();
    const sim = simulator({ now: clock.now, refreshTokenTtlSeconds: 100 });
    const pair = sim.oauth.issueToken();
    clock.advance(101_000);
    const response = await tokenRequest(sim, {
      grant_type: "refresh_token",
      refresh_token: pair.refresh_token,
    });
    expect(await response.json()).toMatchObject({
      error: "invalid_grant",
      error_description: "Refresh token has expired",
    });
  });
});
