import { afterEach, describe, expect, it } from "vitest";
import {
  type FetchLike,
  HiboutikAuthError,
  HiboutikForbiddenError,
  HiboutikNetworkError,
  HiboutikNotFoundError,
  HiboutikQuotaExhaustedError,
  HiboutikServerError,
  HiboutikValidationError,
} from "../../src/index.ts";
import { clientFor, simulator } from "./support.ts";

const sim = simulator({ products: 1_000 });

afterEach(() => {
  sim.faults.reset();
  sim.requests.reset();
});

async function countProducts(client: ReturnType<typeof clientFor>["client"]): Promise<number> {
  let count = 0;
  for await (const product of client.products.list().values()) count += product.id > 0 ? 1 : 0;
  return count;
}

describe("errors from the simulator", () => {
  it("a wrong API key is a HiboutikAuthError (401, code 1) without the key in it", async () => {
    const { client, calls } = clientFor(sim, {
      auth: { type: "basic", user: sim.credentials.user, apiKey: "WRONG-KEY-123" },
    });
    const error = (await client.products.get(1).catch((e: unknown) => e)) as HiboutikAuthError;
    expect(error).toBeInstanceOf(HiboutikAuthError);
    expect(error).toMatchObject({
      status: 401,
      code: 1,
      errorKey: "invalid_credentials",
      endpoint: "GET /products/1",
    });
    expect(error.message).not.toContain("WRONG-KEY-123");
    expect(calls).toHaveLength(1);
  });

  it("an unknown record is a HiboutikNotFoundError", async () => {
    const { client } = clientFor(sim);
    await expect(client.products.get(999_999)).rejects.toBeInstanceOf(HiboutikNotFoundError);
    await expect(client.sales.get(999_999)).rejects.toBeInstanceOf(HiboutikNotFoundError);
    await expect(client.customers.get(999_999)).rejects.toBeInstanceOf(HiboutikNotFoundError);
  });

  it("a missing OAuth scope is a HiboutikForbiddenError", async () => {
    const token = sim.oauth.issueToken("read_products");
    const { client } = clientFor(sim, { auth: { type: "oauth", accessToken: token.access_token } });
    expect((await client.products.get(1)).id).toBe(1);
    const error = (await client.taxes
      .list()
      .toArray()
      .catch((e: unknown) => e)) as HiboutikForbiddenError;
    expect(error).toBeInstanceOf(HiboutikForbiddenError);
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/read_settings/);
  });

  it("a user without the webhook right gets HiboutikForbiddenError on create", async () => {
    const restricted = simulator({
      products: 10,
      users: [{ email: "clerk@shop.fr", apiKey: "clerkkey", canManageWebhooks: false }],
    });
    const { client } = clientFor(restricted, {
      auth: { type: "basic", user: "clerk@shop.fr", apiKey: "clerkkey" },
    });
    await expect(
      client.webhooks.create({ label: "x", url: "https://example.com/h", action: "sale" }),
    ).rejects.toBeInstanceOf(HiboutikForbiddenError);
  });

  it("a refused webhook is a HiboutikValidationError with field details", async () => {
    const { client } = clientFor(sim);
    const error = (await client.webhooks
      .create({ label: "x", url: "ftp://example.com/h", action: "sale" })
      .catch((e: unknown) => e)) as HiboutikValidationError;
    expect(error).toBeInstanceOf(HiboutikValidationError);
    expect(error.status).toBe(422);
    expect(Object.keys(error.fields)).toEqual(["webhook_url"]);
  });

  it("creates, lists and deletes webhooks", async () => {
    const { client } = clientFor(sim);
    const { id } = await client.webhooks.create({
      label: "comptoir",
      url: "https://example.com/hooks/secret",
      action: "product",
      appId: 4242,
    });
    expect(await client.webhooks.list().toArray()).toContainEqual(
      expect.objectContaining({
        id,
        action: "product",
        appId: 4242,
        url: "https://example.com/hooks/secret",
      }),
    );
    await client.webhooks.delete(id);
    expect((await client.webhooks.list().toArray()).some((w) => w.id === id)).toBe(false);
    await expect(client.webhooks.delete(id)).rejects.toBeInstanceOf(HiboutikNotFoundError);
  });
});

describe("quota and rate limits", () => {
  it("an exhausted monthly quota is a HiboutikQuotaExhaustedError after bounded retries", async () => {
    sim.faults.exhaustQuota();
    const { client, sleeps, calls } = clientFor(sim);
    const error = (await client.products
      .get(1)
      .catch((e: unknown) => e)) as HiboutikQuotaExhaustedError;
    expect(error).toBeInstanceOf(HiboutikQuotaExhaustedError);
    expect(error).toMatchObject({ status: 429, attempts: 4, retryAfterMs: null });
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([375, 750, 1500]);
  });

  it("running out of quota mid-sync stops the sync with HiboutikQuotaExhaustedError", async () => {
    const small = simulator({ products: 1_000, monthlyQuota: 2 });
    const { client } = clientFor(small, { retry: { maxAttempts: 1 } });
    await expect(countProducts(client)).rejects.toBeInstanceOf(HiboutikQuotaExhaustedError);
    expect(small.quota.used).toBe(2);
  });

  it("a 429 with Retry-After is waited out (on the fake clock) and retried", async () => {
    sim.faults.set({ rateLimit: { retryAfter: 3, times: 2 } });
    const { client, sleeps } = clientFor(sim);
    expect((await client.products.get(1)).id).toBe(1);
    expect(sleeps).toEqual([3000, 3000]);
  });

  it("a Retry-After longer than the client will wait fails at once", async () => {
    sim.faults.set({ rateLimit: { retryAfter: 3600 } });
    const { client, sleeps, calls } = clientFor(sim);
    const error = (await client.products
      .get(1)
      .catch((e: unknown) => e)) as HiboutikQuotaExhaustedError;
    expect(error).toBeInstanceOf(HiboutikQuotaExhaustedError);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("never goes above its concurrency: no 429 from a simulator allowing 4 calls at once", async () => {
    const tight = simulator({ products: 50, maxConcurrentCalls: 4 });
    tight.faults.set({ latencyMs: 15 });
    const { client } = clientFor(tight, { concurrency: 4 });
    const ids = Array.from({ length: 24 }, (_, i) => i + 1);
    const products = await Promise.all(ids.map((id) => client.products.get(id)));
    expect(products.map((p) => p.id)).toEqual(ids);
    expect(tight.requests.entries().filter((e) => e.status === 429)).toEqual([]);
  });

  it("retries the simulator's concurrency 429s when a client is set above its limit", async () => {
    const tight = simulator({ products: 50, maxConcurrentCalls: 2 });
    tight.faults.set({ latencyMs: 10 });
    // A real wait between retries here so that slots free up.
    const { client } = clientFor(tight, {
      concurrency: 6,
      retry: { maxAttempts: 8, baseDelayMs: 20 },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    const products = await Promise.all([1, 2, 3, 4, 5, 6].map((id) => client.products.get(id)));
    expect(products).toHaveLength(6);
    expect(tight.requests.entries().some((e) => e.status === 429)).toBe(true);
  });
});

describe("retries and backoff", () => {
  it("a page failing twice with 500 is retried with backoff and the list resumes", async () => {
    sim.faults.set({ failPage: { path: "/products", page: 3, status: 500, times: 2 } });
    const { client, sleeps } = clientFor(sim);
    expect(await countProducts(client)).toBe(1_000);
    expect(sleeps).toEqual([375, 750]);
    expect(sim.requests.byPage("GET /products")).toEqual({ 1: 1, 2: 1, 3: 3, 4: 1 });
  });

  it("a 503 with Retry-After waits what the server asked", async () => {
    sim.faults.set({
      failPage: { path: "/products", page: 2, status: 503, times: 1, retryAfter: 5 },
    });
    const { client, sleeps } = clientFor(sim);
    expect(await countProducts(client)).toBe(1_000);
    expect(sleeps).toEqual([5000]);
  });

  it("a page that keeps failing ends in HiboutikServerError after maxAttempts", async () => {
    sim.faults.set({ failPage: { path: "/products", page: 2, status: 502 } });
    const { client, sleeps } = clientFor(sim);
    const error = (await countProducts(client).catch((e: unknown) => e)) as HiboutikServerError;
    expect(error).toBeInstanceOf(HiboutikServerError);
    expect(error).toMatchObject({ status: 502, attempts: 4, endpoint: "GET /products/" });
    expect(sleeps).toHaveLength(3);
  });

  it("random 5xx and truncated bodies are absorbed by retries", async () => {
    sim.faults.set({ errorRate: 0.2, truncateRate: 0.2 });
    const { client, calls } = clientFor(sim, { retry: { maxAttempts: 8 } });
    expect(await countProducts(client)).toBe(1_000);
    const customers = await client.customers.list().collect();
    expect(customers.invalid).toEqual([]);
    expect(calls.some((c) => c.status === 500)).toBe(true);
    expect(calls.length).toBeGreaterThan(client.meter.calls - 1);
    // The meter saw exactly what the simulator saw.
    expect(client.meter.calls).toBe(sim.requests.total);
  });

  it("a slow answer times out, is retried, and ends in HiboutikNetworkError", async () => {
    sim.faults.set({ latencyMs: 200 });
    const { client } = clientFor(sim, { timeoutMs: 20, retry: { maxAttempts: 2 } });
    const error = (await client.products.get(1).catch((e: unknown) => e)) as HiboutikNetworkError;
    expect(error).toBeInstanceOf(HiboutikNetworkError);
    expect(error).toMatchObject({ timedOut: true, attempts: 2, status: null });
  });
});

describe("OAuth token refresh", () => {
  /** The refresh grant against the simulator's token endpoint, as the auth package will run it. */
  function refresher(refreshToken: string, counter: { count: number }) {
    let current = refreshToken;
    return async (): Promise<string> => {
      counter.count += 1;
      const client = sim.oauthClient;
      const response = await (sim.fetch as FetchLike)(
        `${sim.baseUrl.replace(/\/api$/, "")}/oauth_api/token.php`,
        {
          method: "POST",
          headers: {
            authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({
            grant_type: "refresh_token",
            refresh_token: current,
          }).toString(),
        },
      );
      const body = (await response.json()) as { access_token: string; refresh_token?: string };
      current = body.refresh_token ?? current;
      return body.access_token;
    };
  }

  it("expired tokens are refreshed once for concurrent calls and the calls replayed", async () => {
    const token = sim.oauth.issueToken();
    const counter = { count: 0 };
    const { client, calls } = clientFor(sim, {
      auth: {
        type: "oauth",
        accessToken: token.access_token,
        refresh: refresher(token.refresh_token, counter),
      },
    });
    expect((await client.products.get(1)).id).toBe(1);
    sim.faults.expireTokens();
    const products = await Promise.all([2, 3, 4, 5, 6].map((id) => client.products.get(id)));
    expect(products.map((p) => p.id)).toEqual([2, 3, 4, 5, 6]);
    expect(counter.count).toBe(1);
    // 1 + 5 refused + 5 replayed.
    expect(calls.map((c) => c.status)).toEqual([
      200, 401, 401, 401, 401, 401, 200, 200, 200, 200, 200,
    ]);
  });

  it("a refresh that does not help ends in HiboutikAuthError", async () => {
    const token = sim.oauth.issueToken();
    const { client } = clientFor(sim, {
      auth: {
        type: "oauth",
        accessToken: token.access_token,
        refresh: async () => "not-a-valid-token",
      },
    });
    sim.faults.expireTokens();
    const error = (await client.products.get(1).catch((e: unknown) => e)) as HiboutikAuthError;
    expect(error).toBeInstanceOf(HiboutikAuthError);
    expect(error.code).toBe(1);
  });
});
