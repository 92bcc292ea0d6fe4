import { describe, expect, it } from "vitest";
import {
  CallMeter,
  type CallRecord,
  estimateCatalogSync,
  estimateSalesImport,
  HiboutikBudgetExceededError,
  pagesFor,
  routeOf,
} from "../../src/index.ts";
import { fakeHiboutik, testClient } from "../support/fake-hiboutik.ts";
import { productRow } from "../support/fixtures.ts";

describe("CallMeter through the client", () => {
  it("counts every request by endpoint with ids collapsed, retries included", async () => {
    let failOnce = true;
    const { fetch } = fakeHiboutik((app) => {
      app.get("/products/", (c) => c.json([productRow(1)]));
      app.get("/products/:id", (c) => {
        if (failOnce) {
          failOnce = false;
          return c.json({}, 500);
        }
        return c.json([productRow(Number(c.req.param("id")))]);
      });
      app.get("/closed_sales/1/2025/03/14", (c) => c.json([]));
    });
    const { client, calls } = testClient(fetch, { account: "MyShop" });
    await client.products.list().collect();
    await client.products.get(7);
    await client.products.get(8);
    await client.sales.closed(1, "2025-03-14").collect();

    expect(client.meter.calls).toBe(5);
    expect(client.meter.byEndpoint()).toEqual({
      "GET /products/": 1,
      "GET /products/{id}": 3,
      "GET /closed_sales/{id}/{id}/{id}/{id}": 1,
    });
    expect(calls.map((c) => [c.status, c.attempt])).toEqual([
      [200, 1],
      [500, 1],
      [200, 2],
      [200, 1],
      [200, 1],
    ]);
    expect(calls[1]).toMatchObject<Partial<CallRecord>>({
      account: "myshop",
      method: "GET",
      route: "/products/{id}",
      endpoint: "GET /products/{id}",
    });
  });

  it("can be shared between clients of one account and observed", async () => {
    const { fetch } = fakeHiboutik((app) => app.get("/warehouses/", (c) => c.json([])));
    const seen: string[] = [];
    const meter = new CallMeter({ monthlyQuota: 50, onCall: (call) => seen.push(call.endpoint) });
    const unsubscribe = meter.onCall(() => {
      throw new Error("a broken observer must not break the call");
    });
    await testClient(fetch, { meter }).client.warehouses.list().collect();
    await testClient(fetch, { meter }).client.warehouses.list().collect();
    unsubscribe();
    expect(meter.calls).toBe(2);
    expect(seen).toEqual(["GET /warehouses/", "GET /warehouses/"]);
    meter.reset();
    expect(meter.calls).toBe(0);
    expect(meter.byEndpoint()).toEqual({});
  });
});

describe("quota helpers", () => {
  it("computes what is left this month", () => {
    const meter = new CallMeter();
    expect(meter.monthlyQuota).toBe(10_000);
    expect(meter.remaining(9_990)).toBe(10);
    expect(meter.remaining(12_000)).toBe(0);
    expect(new CallMeter({ monthlyQuota: 30_000 }).remaining(12_000)).toBe(18_000);
    expect(() => new CallMeter({ monthlyQuota: -1 })).toThrow(RangeError);
  });

  it("refuses planned work that would exhaust the month", () => {
    const meter = new CallMeter({ monthlyQuota: 100 });
    const plan = estimateCatalogSync({ products: 20_000 });
    expect(meter.check(plan, 50)).toEqual({ ok: false, needed: plan.calls, remaining: 50 });
    expect(meter.check(10, 50).ok).toBe(true);
    const error = (() => {
      try {
        meter.assertAffordable(plan, 50, "full catalog sync");
      } catch (e) {
        return e;
      }
    })() as HiboutikBudgetExceededError;
    expect(error).toBeInstanceOf(HiboutikBudgetExceededError);
    expect(error).toMatchObject({ needed: 89, remaining: 50, status: null });
    expect(error.message).toMatch(/full catalog sync needs about 89 .* only 50/);
  });
});

describe("estimates", () => {
  it("a full catalog sync costs ceil(N/250) pages plus the fixed list calls", () => {
    const estimate = estimateCatalogSync({ products: 2676, sizeTypes: 3, warehouses: 2 });
    expect(estimate.breakdown).toEqual({
      "GET /products/": 11,
      "GET /categories/": 1,
      "GET /brands/": 1,
      "GET /suppliers/": 1,
      "GET /tags/products": 1,
      "GET /taxes/": 1,
      "GET /stores/": 1,
      "GET /warehouses/": 1,
      "GET /size_types/": 1,
      "GET /sizes/{id}": 3,
      "GET /stock_available/warehouse_id/{id}": 2,
    });
    expect(estimate.calls).toBe(11 + 8 + 3 + 2);
    expect(estimateCatalogSync({ products: 0 }).calls).toBe(1 + 8 + 1);
    expect(
      estimateCatalogSync({ products: 250, productDetails: 40 }).breakdown["GET /products/{id}"],
    ).toBe(40);
  });

  it("a sales import costs one list per store-day and one call per sale and customer", () => {
    expect(estimateSalesImport({ storeDays: 31, sales: 400, customers: 120 })).toEqual({
      calls: 551,
      breakdown: {
        "GET /closed_sales/{id}/{id}/{id}/{id}": 31,
        "GET /sales/{id}": 400,
        "GET /customer/{id}": 120,
      },
    });
  });

  it("pages and routes", () => {
    expect([0, 1, 250, 251, 100_000].map(pagesFor)).toEqual([1, 1, 1, 2, 400]);
    expect(routeOf("/stock_available/warehouse_id/12")).toBe("/stock_available/warehouse_id/{id}");
    expect(() => estimateSalesImport({ storeDays: -1, sales: 0 })).toThrow(RangeError);
  });
});
