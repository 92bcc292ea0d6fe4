import { describe, expect, it } from "vitest";
import { fixedClock, get, simulator } from "./helpers.ts";

describe("monthly quota", () => {
  it("answers 429 once the month's calls are spent, and resets next month", async () => {
    const clock = fixedClock(new Date("2025-03-31T12:00:00Z"));
    const sim = simulator({ monthlyQuota: 3, now: clock.now });
    for (let i = 0; i < 3; i++) expect((await get(sim, "/taxes")).status).toBe(200);
    const over = await get(sim, "/taxes");
    expect(over.status).toBe(429);
    expect(await over.json()).toMatchObject({
      error: "too_many_requests",
      code: expect.any(Number),
    });
    expect(over.headers.get("retry-after")).toBeNull();
    expect(sim.quota).toMatchObject({ limit: 3, used: 3, remaining: 0 });

    clock.advance(24 * 3600_000); // 1 April
    expect((await get(sim, "/taxes")).status).toBe(200);
    expect(sim.quota.used).toBe(1);
  });

  it("does not count rejected credentials", async () => {
    const sim = simulator({ monthlyQuota: 1 });
    await sim.fetch(`${sim.baseUrl}/taxes`);
    expect(sim.quota.used).toBe(0);
    expect((await get(sim, "/taxes")).status).toBe(200);
  });

  it("can be exhausted and restored by the fault controls", async () => {
    const sim = simulator();
    sim.faults.exhaustQuota();
    expect((await get(sim, "/taxes")).status).toBe(429);
    sim.faults.reset();
    expect((await get(sim, "/taxes")).status).toBe(200);
    sim.quota.setUsed(10_000);
    expect((await get(sim, "/taxes")).status).toBe(429);
  });
});

describe("concurrency limit", () => {
  it("lets 30 calls run at once and answers 429 to the 31st", async () => {
    const sim = simulator();
    sim.faults.set({ latencyMs: 60 });
    const statuses = await Promise.all(
      Array.from({ length: 31 }, () => get(sim, "/taxes").then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    // Slots are released: the next call goes through.
    expect((await get(sim, "/taxes")).status).toBe(200);
  });

  it("is configurable", async () => {
    const sim = simulator({ maxConcurrentCalls: 2 });
    sim.faults.set({ latencyMs: 30 });
    const statuses = await Promise.all(
      [1, 2, 3].map(() => get(sim, "/taxes").then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([200, 200, 429]);
  });
});

describe("request log", () => {
  it("counts calls in total, per route pattern and per page", async () => {
    const sim = simulator({ products: 600 });
    for (const page of [1, 2, 3, 2]) await get(sim, `/products/?p=${page}`);
    await get(sim, "/products/17");
    await get(sim, "/products/18/");
    await get(sim, "/categories");
    expect(sim.requests.total).toBe(7);
    expect(sim.requests.byRoute()).toEqual({
      "GET /products": 4,
      "GET /products/:product_id": 2,
      "GET /categories": 1,
    });
    expect(sim.requests.byPage("GET /products")).toEqual({ 1: 1, 2: 2, 3: 1 });
    expect(sim.requests.count("GET /products/:product_id")).toBe(2);
    expect(sim.requests.entries().at(-1)).toMatchObject({
      path: "/categories",
      status: 200,
      auth: "basic",
    });
    sim.requests.reset();
    expect(sim.requests.total).toBe(0);
  });
});
