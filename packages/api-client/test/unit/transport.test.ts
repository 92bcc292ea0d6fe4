import { describe, expect, it } from "vitest";
import {
  createHiboutikClient,
  type FetchLike,
  HiboutikAuthError,
  HiboutikError,
  HiboutikForbiddenError,
  HiboutikMalformedResponseError,
  HiboutikNetworkError,
  HiboutikNotFoundError,
  HiboutikQuotaExhaustedError,
  HiboutikRequestError,
  HiboutikServerError,
  HiboutikValidationError,
} from "../../src/index.ts";
import { BASE, CREDENTIALS, fakeHiboutik, testClient } from "../support/fake-hiboutik.ts";

/** A fetch that answers from a script, one entry per call, and records the calls. */
function scripted(...steps: (Response | Error | (() => Promise<Response>))[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step();
    if (!step) throw new Error("script exhausted");
    return step.clone();
  };
  return { fetch, calls };
}

const headersOf = (call: { init: RequestInit } | undefined) =>
  (call?.init.headers ?? {}) as Record<string, string>;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

const ok = () => json([{ warehouse_id: 1, warehouse_name: "Main" }]);
const readWarehouses = (client: ReturnType<typeof testClient>["client"]) =>
  client.warehouses.list().toArray();

describe("requests", () => {
  it("sends Basic auth and Accept to https://{account}.hiboutik.com/api", async () => {
    const { fetch, calls } = scripted(ok());
    await readWarehouses(testClient(fetch).client);
    expect(calls[0]?.url).toBe(`${BASE}/warehouses/?p=1`);
    const headers = headersOf(calls[0]);
    expect(headers.accept).toBe("application/json");
    expect(headers.authorization).toBe(
      `Basic ${Buffer.from(`${CREDENTIALS.user}:${CREDENTIALS.apiKey}`).toString("base64")}`,
    );
  });

  it("honours a base URL override (proxy, simulator)", async () => {
    const { fetch, calls } = scripted(ok());
    await readWarehouses(testClient(fetch, { baseUrl: "http://127.0.0.1:4010/api/" }).client);
    expect(calls[0]?.url).toBe("http://127.0.0.1:4010/api/warehouses/?p=1");
  });

  it("sends the Bearer token for OAuth", async () => {
    const { fetch, calls } = scripted(ok());
    await readWarehouses(
      testClient(fetch, { auth: { type: "oauth", accessToken: "tok1" } }).client,
    );
    expect(headersOf(calls[0]).authorization).toBe("Bearer tok1");
  });

  it("validates its options without echoing secrets", () => {
    const { fetch } = scripted(ok());
    expect(() => testClient(fetch, { concurrency: 31 })).toThrow(/at most|1 to 30/);
    expect(() => testClient(fetch, { concurrency: 0 })).toThrow(RangeError);
    expect(() => testClient(fetch, { account: "my.shop/x" })).toThrow(TypeError);
    expect(() => testClient(fetch, { baseUrl: "https://u:p@proxy/api" })).toThrow(/credentials/);
    expect(() => testClient(fetch, { auth: { type: "basic", user: "a@b.c", apiKey: "" } })).toThrow(
      /apiKey/,
    );
    expect(() => testClient(fetch, { retry: { maxAttempts: 0 } })).toThrow(RangeError);
  });
});

describe("error mapping", () => {
  const cases = [
    [401, { error: "invalid_credentials", code: 2 }, HiboutikAuthError],
    [403, { error: "forbidden" }, HiboutikForbiddenError],
    [404, { error: "not_found" }, HiboutikNotFoundError],
    [406, null, HiboutikRequestError],
  ] as const;

  it.each(cases)(
    "maps %i to its class with status, code and endpoint",
    async (status, body, type) => {
      const { fetch, calls } = scripted(json(body, status));
      const error = await readWarehouses(testClient(fetch).client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect(error).toBeInstanceOf(HiboutikError);
      const e = error as HiboutikError;
      expect(e.status).toBe(status);
      expect(e.endpoint).toBe("GET /warehouses/");
      expect(e.retryable).toBe(false);
      expect(calls).toHaveLength(1);
    },
  );

  it("gives 422 field details", async () => {
    const { fetch } = scripted(
      json(
        {
          error: "unprocessable_entity",
          code: 22,
          error_description: "Invalid data",
          details: { size_id: "please provide a valid size_id for this product_id" },
        },
        422,
      ),
    );
    const error = (await readWarehouses(testClient(fetch).client).catch(
      (e: unknown) => e,
    )) as HiboutikValidationError;
    expect(error).toBeInstanceOf(HiboutikValidationError);
    expect(error.fields).toEqual({ size_id: "please provide a valid size_id for this product_id" });
    expect(error.code).toBe(22);
    expect(error.errorKey).toBe("unprocessable_entity");
    expect(error.message).toContain("size_id: please provide a valid size_id");
  });

  it("treats an error body with code 1 as an auth failure whatever the status", async () => {
    const { fetch } = scripted(json({ error: "invalid_token", code: 1 }, 200));
    const error = await readWarehouses(testClient(fetch).client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HiboutikAuthError);
    expect((error as HiboutikAuthError).code).toBe(1);
  });

  it("never puts credentials in messages", async () => {
    for (const status of [401, 403, 404, 422, 429, 500]) {
      const { fetch } = scripted(json({ error: "x" }, status));
      const error = (await readWarehouses(
        testClient(fetch, { retry: { maxAttempts: 1 } }).client,
      ).catch((e: unknown) => e)) as Error;
      const text = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
      expect(text).not.toContain(CREDENTIALS.apiKey);
      expect(text).not.toContain(
        Buffer.from(`${CREDENTIALS.user}:${CREDENTIALS.apiKey}`).toString("base64"),
      );
    }
  });
});

describe("retries", () => {
  it("retries 5xx with exponential backoff and jitter, then succeeds", async () => {
    const { fetch, calls } = scripted(json({}, 500), json({}, 502), json({}, 503), ok());
    const { client, sleeps } = testClient(fetch, { random: () => 0.5 });
    await readWarehouses(client);
    expect(calls).toHaveLength(4);
    // base 500 ms doubling; equal jitter at random() = 0.5 → 75 % of each step.
    expect(sleeps).toEqual([375, 750, 1500]);
  });

  it("jitter spans half to all of each step", async () => {
    const low = testClient(scripted(json({}, 500), ok()).fetch, { random: () => 0 });
    const high = testClient(scripted(json({}, 500), ok()).fetch, { random: () => 1 });
    await readWarehouses(low.client);
    await readWarehouses(high.client);
    expect([low.sleeps, high.sleeps]).toEqual([[250], [500]]);
  });

  it("gives up after maxAttempts with a HiboutikServerError that says so", async () => {
    const { fetch, calls } = scripted(json({ error: "oops" }, 500));
    const { client, sleeps } = testClient(fetch, { retry: { maxAttempts: 3 } });
    const error = (await readWarehouses(client).catch((e: unknown) => e)) as HiboutikServerError;
    expect(error).toBeInstanceOf(HiboutikServerError);
    expect(error.attempts).toBe(3);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/after 3 attempt/);
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it("caps the backoff", async () => {
    const { fetch } = scripted(json({}, 500));
    const { client, sleeps } = testClient(fetch, {
      retry: { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 3000 },
      random: () => 1,
    });
    await readWarehouses(client).catch(() => undefined);
    expect(sleeps).toEqual([1000, 2000, 3000, 3000, 3000]);
  });

  it("honours Retry-After in seconds on 429", async () => {
    const { fetch } = scripted(
      json({ error: "too_many_requests" }, 429, { "Retry-After": "7" }),
      ok(),
    );
    const { client, sleeps } = testClient(fetch);
    await readWarehouses(client);
    expect(sleeps).toEqual([7000]);
  });

  it("honours Retry-After as an HTTP-date against the injected clock", async () => {
    const now = Date.parse("2025-03-14T12:00:00Z");
    const { fetch } = scripted(
      json({}, 503, { "Retry-After": new Date(now + 12_000).toUTCString() }),
      ok(),
    );
    const { client, sleeps } = testClient(fetch, { now: () => now });
    await readWarehouses(client);
    expect(sleeps).toEqual([12_000]);
  });

  it("fails at once with HiboutikQuotaExhaustedError when Retry-After is too long to wait", async () => {
    const { fetch, calls } = scripted(json({ error: "quota" }, 429, { "Retry-After": "86400" }));
    const { client, sleeps } = testClient(fetch);
    const error = (await readWarehouses(client).catch(
      (e: unknown) => e,
    )) as HiboutikQuotaExhaustedError;
    expect(error).toBeInstanceOf(HiboutikQuotaExhaustedError);
    expect(error.retryAfterMs).toBe(86_400_000);
    expect(error.message).toMatch(/Subscriptions/);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("bounds 429 retries without Retry-After", async () => {
    const { fetch, calls } = scripted(json({ error: "quota_exceeded" }, 429));
    const error = await readWarehouses(testClient(fetch).client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HiboutikQuotaExhaustedError);
    expect(calls).toHaveLength(4);
  });

  it("retries network errors and reports HiboutikNetworkError in the end", async () => {
    const { fetch, calls } = scripted(
      new TypeError("fetch failed", { cause: new Error("ECONNRESET") }),
    );
    const error = (await readWarehouses(testClient(fetch).client).catch(
      (e: unknown) => e,
    )) as HiboutikNetworkError;
    expect(error).toBeInstanceOf(HiboutikNetworkError);
    expect(error.timedOut).toBe(false);
    expect(error.status).toBeNull();
    expect(error.message).toContain("ECONNRESET");
    expect(calls).toHaveLength(4);
  });

  it("times out a slow attempt and retries it", async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_, reject) =>
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    let first = true;
    const fetch: FetchLike = (url, init) => {
      if (first) {
        first = false;
        return hang(url, init);
      }
      return Promise.resolve(ok());
    };
    const { client, calls } = testClient(fetch, { timeoutMs: 20 });
    expect(await readWarehouses(client)).toHaveLength(1);
    expect(calls.map((c) => c.status)).toEqual([null, 200]);
  });

  it("reports a timeout as such", async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_, reject) =>
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    const error = (await readWarehouses(
      testClient(hang, { timeoutMs: 10, retry: { maxAttempts: 2 } }).client,
    ).catch((e: unknown) => e)) as HiboutikNetworkError;
    expect(error).toBeInstanceOf(HiboutikNetworkError);
    expect(error.timedOut).toBe(true);
    expect(error.message).toMatch(/within 10 ms/);
  });

  it("does not retry or wrap the caller's own abort", async () => {
    const controller = new AbortController();
    const fetch: FetchLike = (_url, init) =>
      new Promise((_, reject) =>
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    const { client, calls } = testClient(fetch);
    const pending = client.warehouses.list({ signal: controller.signal }).toArray();
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error("user cancelled"));
    await expect(pending).rejects.toThrow("user cancelled");
    expect(calls).toHaveLength(1);
    const again = client.warehouses.list({ signal: controller.signal }).toArray();
    await expect(again).rejects.toThrow("user cancelled");
    expect(calls).toHaveLength(1);
  });

  it("retries a truncated JSON body on a GET", async () => {
    const { fetch } = scripted(new Response('[{"warehouse_id": 1, "wareh', { status: 200 }), ok());
    expect(await readWarehouses(testClient(fetch).client)).toHaveLength(1);
  });

  it("reports a body that stays unreadable as HiboutikMalformedResponseError", async () => {
    const { fetch } = scripted(new Response("<html>proxy error</html>", { status: 200 }));
    const error = await readWarehouses(testClient(fetch).client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HiboutikMalformedResponseError);
  });

  it("does not resend a POST after a 5xx (it may have been applied) but does after a 429", async () => {
    const failing = scripted(json({}, 500));
    await expect(
      testClient(failing.fetch).client.webhooks.create({
        label: "a",
        url: "https://e.com",
        action: "sale",
      }),
    ).rejects.toBeInstanceOf(HiboutikServerError);
    expect(failing.calls).toHaveLength(1);

    const limited = scripted(json({}, 429, { "Retry-After": "1" }), json({ webhook_id: 5 }));
    await expect(
      testClient(limited.fetch).client.webhooks.create({
        label: "a",
        url: "https://e.com",
        action: "sale",
      }),
    ).resolves.toEqual({ id: 5 });
  });
});

describe("concurrency", () => {
  it("keeps at most `concurrency` calls in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const fetch: FetchLike = async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return json([{ product_id: 1, product_price: "1.00" }]);
    };
    const { client } = testClient(fetch, { concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.products.get(i + 1)));
    expect(peak).toBe(3);
  });
});

describe("OAuth refresh", () => {
  it("refreshes once on code 1 and replays the request with the new token", async () => {
    const { fetch, requests } = fakeHiboutik((app) =>
      app.get("/warehouses/", (c) =>
        c.req.header("authorization") === "Bearer fresh"
          ? c.json([{ warehouse_id: 1, warehouse_name: "Main" }])
          : c.json(
              { error: "invalid_token", code: 1, error_description: "The access token is invalid" },
              401,
            ),
      ),
    );
    let refreshes = 0;
    const { client } = testClient(fetch, {
      auth: {
        type: "oauth",
        accessToken: "stale",
        refresh: async () => {
          refreshes += 1;
          return "fresh";
        },
      },
    });
    expect(await readWarehouses(client)).toHaveLength(1);
    expect(refreshes).toBe(1);
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual([
      "Bearer stale",
      "Bearer fresh",
    ]);
  });

  it("shares one refresh between concurrent calls", async () => {
    const { fetch } = fakeHiboutik((app) =>
      app.get("/products/:id", (c) =>
        c.req.header("authorization") === "Bearer fresh"
          ? c.json([{ product_id: Number(c.req.param("id")), product_price: "1.00" }])
          : c.json({ error: "invalid_token", code: 1 }, 401),
      ),
    );
    let refreshes = 0;
    const { client } = testClient(fetch, {
      concurrency: 10,
      auth: {
        type: "oauth",
        accessToken: "stale",
        refresh: async () => {
          refreshes += 1;
          await new Promise((resolve) => setTimeout(resolve, 10));
          return "fresh";
        },
      },
    });
    const products = await Promise.all([1, 2, 3, 4, 5, 6].map((id) => client.products.get(id)));
    expect(products.map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(refreshes).toBe(1);
  });

  it("replays only once: a token still refused is a HiboutikAuthError", async () => {
    const { fetch, calls } = scripted(json({ error: "invalid_token", code: 1 }, 401));
    let refreshes = 0;
    const { client } = testClient(fetch, {
      auth: {
        type: "oauth",
        accessToken: "stale",
        refresh: async () => `new-${++refreshes}`,
      },
    });
    await expect(readWarehouses(client)).rejects.toBeInstanceOf(HiboutikAuthError);
    expect(refreshes).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it("says so when the refresh itself fails, without leaking tokens", async () => {
    const { fetch } = scripted(json({ error: "invalid_token", code: 1 }, 401));
    const { client } = testClient(fetch, {
      auth: {
        type: "oauth",
        accessToken: "stale-secret-token",
        refresh: async () => {
          throw new Error("invalid_grant");
        },
      },
    });
    const error = (await readWarehouses(client).catch((e: unknown) => e)) as HiboutikAuthError;
    expect(error).toBeInstanceOf(HiboutikAuthError);
    expect(error.message).toMatch(
      /Refreshing the OAuth token failed too \(invalid_grant\); reconnect/,
    );
    expect(error.message).not.toContain("stale-secret-token");
  });

  it("does not try to refresh Basic credentials", async () => {
    const { fetch, calls } = scripted(json({ error: "invalid_token", code: 1 }, 401));
    await expect(readWarehouses(testClient(fetch).client)).rejects.toBeInstanceOf(
      HiboutikAuthError,
    );
    expect(calls).toHaveLength(1);
  });
});

describe("default fetch", () => {
  it("uses the global fetch when none is injected", async () => {
    const original = globalThis.fetch;
    const { fetch, calls } = scripted(ok());
    globalThis.fetch = ((url: string, init: RequestInit) =>
      fetch(url, init)) as typeof globalThis.fetch;
    try {
      const client = createHiboutikClient({
        account: "myshop",
        auth: { type: "basic", ...CREDENTIALS },
      });
      expect(await client.warehouses.list().toArray()).toHaveLength(1);
      expect(calls).toHaveLength(1);
    } finally {
      globalThis.fetch = original;
    }
  });
});
