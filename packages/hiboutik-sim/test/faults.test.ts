import { describe, expect, it } from "vitest";
import { get, simulator } from "./helpers.ts";

describe("fault injection", () => {
  it("adds latency", async () => {
    const sim = simulator();
    sim.faults.set({ latencyMs: 80 });
    const started = performance.now();
    await get(sim, "/taxes");
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it("fails a share of calls with 5xx and the documented error body", async () => {
    const sim = simulator();
    sim.faults.set({ errorRate: 1, errorStatus: 503 });
    const failed = await get(sim, "/taxes");
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({
      error: "internal_error",
      code: expect.any(Number),
    });

    sim.faults.set({ errorRate: 0.5, errorStatus: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await get(sim, "/taxes")).status);
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(60);
    expect(failures).toBeLessThan(140);
  });

  it("replays the same random faults for the same seed", async () => {
    const run = async () => {
      const sim = simulator({ seed: 9 });
      sim.faults.set({ errorRate: 0.3 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await get(sim, "/taxes")).status);
      return statuses;
    };
    expect(await run()).toEqual(await run());
  });

  it("truncates bodies", async () => {
    const sim = simulator();
    sim.faults.set({ truncateRate: 1 });
    const response = await get(sim, "/products/?p=1");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    sim.faults.reset();
    expect(((await (await get(sim, "/products/?p=1")).json()) as unknown[]).length).toBe(250);
  });

  it("fails one page of one list, a given number of times", async () => {
    const sim = simulator({ products: 2000 });
    sim.faults.set({ failPage: { path: "/products", page: 7, status: 502, times: 1 } });
    expect((await get(sim, "/products/?p=6")).status).toBe(200);
    expect((await get(sim, "/products/?p=7")).status).toBe(502);
    expect((await get(sim, "/products/?p=7")).status).toBe(200);
    sim.faults.set({ failPage: { path: "/api/products/", page: 2 } });
    expect((await get(sim, "/products?p=2")).status).toBe(500);
    expect((await get(sim, "/products?p=2")).status).toBe(500);
    expect((await get(sim, "/customers?p=2")).status).toBe(200);
  });

  it("answers 429 with or without Retry-After", async () => {
    const sim = simulator();
    sim.faults.set({ rateLimit: { retryAfter: 2, times: 1 } });
    const limited = await get(sim, "/taxes");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect((await get(sim, "/taxes")).status).toBe(200);

    sim.faults.set({ rateLimit: {} });
    const bare = await get(sim, "/taxes");
    expect(bare.status).toBe(429);
    expect(bare.headers.get("retry-after")).toBeNull();
    sim.faults.set({ rateLimit: null });
    expect((await get(sim, "/taxes")).status).toBe(200);
  });

  it("does not count injected 429s against the quota", async () => {
    const sim = simulator();
    sim.faults.set({ rateLimit: { times: 3 } });
    for (let i = 0; i < 3; i++) await get(sim, "/taxes");
    expect(sim.quota.used).toBe(0);
  });

  it("resets everything", async () => {
    const sim = simulator();
    sim.faults.set({ errorRate: 1, latencyMs: 5, rateLimit: {} });
    expect(sim.faults.current.errorRate).toBe(1);
    sim.faults.reset();
    expect(sim.faults.current).toEqual({});
    expect((await get(sim, "/taxes")).status).toBe(200);
  });
});
