import { describe, expect, it } from "vitest";
import { basicHeader, fixedClock, get, simulator } from "./helpers.ts";

describe("Basic auth", () => {
  it("accepts the user email and API key, case-insensitively on the email", async () => {
    const sim = simulator();
    const response = await sim.fetch(`${sim.baseUrl}/taxes`, {
      headers: {
        authorization: basicHeader(sim.credentials.user.toUpperCase(), sim.credentials.apiKey),
      },
    });
    expect(response.status).toBe(200);
  });

  it("answers 401 with code 1 for missing or wrong credentials", async () => {
    const sim = simulator();
    const missing = await sim.fetch(`${sim.baseUrl}/products/`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 1, error: "authentication_required" });
    const wrong = await get(sim, "/products/", {
      authorization: basicHeader(sim.credentials.user, "nope"),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 1, error: "invalid_credentials" });
  });

  it("supports several users, and 403 for one without the webhook right", async () => {
    const sim = simulator({
      users: [
        { email: "owner@shop.fr", apiKey: "ownerKey1" },
        { email: "clerk@shop.fr", apiKey: "clerkKey2", canManageWebhooks: false },
      ],
    });
    expect(sim.credentials).toEqual({ user: "owner@shop.fr", apiKey: "ownerKey1" });
    const clerk = basicHeader("clerk@shop.fr", "clerkKey2");
    expect((await get(sim, "/products/1", { authorization: clerk })).status).toBe(200);
    const denied = await sim.fetch(`${sim.baseUrl}/webhooks`, {
      method: "POST",
      headers: { authorization: clerk, "content-type": "application/json" },
      body: JSON.stringify({ webhook_url: "https://example.test/h", webhook_action: "sale" }),
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 2 });
  });
});

describe("Bearer tokens", () => {
  it("accepts a valid token and rejects unknown ones with code 1", async () => {
    const sim = simulator();
    const { access_token } = sim.oauth.issueToken();
    expect(
      (await get(sim, "/products/1", { authorization: `Bearer ${access_token}` })).status,
    ).toBe(200);
    const bad = await get(sim, "/products/1", {
      authorization: "Bearer 0123456789abcdef0123456789abcdef01234567",
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: 1, error: "invalid_token" });
  });

  it("expires tokens with the clock and on demand, with the documented code 1 error", async () => {
    const clock = fixedClock();
    const sim = simulator({ now: clock.now, accessTokenTtlSeconds: 3600 });
    const first = sim.oauth.issueToken();
    expect(first.expires_in).toBe(3600);
    clock.advance(3601_000);
    const expired = await get(sim, "/products/1", {
      authorization: `Bearer ${first.access_token}`,
    });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      error: "expired_token",
      code: 1,
      error_description: "The access token provided has expired",
    });

    const second = sim.oauth.issueToken();
    expect(
      (await get(sim, "/products/1", { authorization: `Bearer ${second.access_token}` })).status,
    ).toBe(200);
    sim.faults.expireTokens();
    expect(
      (await get(sim, "/products/1", { authorization: `Bearer ${second.access_token}` })).status,
    ).toBe(401);
  });

  it("enforces scopes: 403 outside the granted ones, basic_api grants all", async () => {
    const sim = simulator();
    const products = sim.oauth.issueToken("read_products").access_token;
    expect((await get(sim, "/products/1", { authorization: `Bearer ${products}` })).status).toBe(
      200,
    );
    const sales = await get(sim, "/sales/1", { authorization: `Bearer ${products}` });
    expect(sales.status).toBe(403);
    expect(await sales.json()).toMatchObject({ error: "insufficient_scope", code: 2 });
    const stock = await get(sim, "/stock_available/product_id/1", {
      authorization: `Bearer ${products}`,
    });
    expect(stock.status).toBe(403);
    const all = sim.oauth.issueToken("basic_api").access_token;
    expect((await get(sim, "/sales/1", { authorization: `Bearer ${all}` })).status).toBe(200);
  });
});
