import { callsThisMonth, recordUsage } from "@comptoir/accounts";
import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { dbTest as test } from "@comptoir/testing";
import { asc, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { CatalogError, estimateSync, syncCatalog, syncProducts, syncStock } from "../src/index.ts";
import { NOW, simulatedShop, syncOptions } from "./support.ts";

type Db = DatabaseOrTransaction;

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the sync to be refused");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(CatalogError);
      return error as CatalogError;
    },
  );

const mirror = (db: Db) =>
  db.select().from(schema.catalogProducts).orderBy(asc(schema.catalogProducts.productId));

const runRow = (db: Db, id: string) =>
  db
    .select()
    .from(schema.syncRuns)
    .where(eq(schema.syncRuns.id, id))
    .then((rows) => rows[0]);

/** Brings the account's month to `used` calls (as other apps or earlier runs would). */
async function useCallsUntil(db: Db, accountId: string, used: number) {
  const missing = used - (await callsThisMonth(db, accountId, NOW));
  if (missing > 0) await recordUsage(db, accountId, { "GET /elsewhere/": missing }, NOW);
}

describe("quota awareness", () => {
  test("refuses a run that would exhaust the month, before any call, and records it", async ({
    db,
  }) => {
    const shop = await simulatedShop(db, { products: 600, quota: 100 });
    await syncCatalog(db, await shop.open(), syncOptions);
    await useCallsUntil(db, shop.account.id, 95);
    const before = await mirror(db);
    shop.sim.mutate.setPrice(5, "1.11");
    shop.sim.requests.reset();

    const plan = await estimateSync(db, shop.account, { kind: "full" }, NOW);
    expect(plan).toMatchObject({ affordable: false, quota: { remaining: 5, usedThisMonth: 95 } });
    expect(plan.estimate.calls).toBeGreaterThan(5);

    const error = await failureOf(syncCatalog(db, await shop.open(), syncOptions));
    expect(error.code).toBe("QUOTA_EXCEEDED");
    expect(error.message).toContain(`needs about ${plan.estimate.calls} Hiboutik API calls`);
    expect(error.message).toContain("only 5 of the month's 100 are left");
    expect(error.message).toContain("--force");
    expect(error.message).toContain("Nothing was synced");
    expect(shop.sim.requests.count()).toBe(0);
    expect(await mirror(db)).toEqual(before);
    expect(await runRow(db, error.run?.id ?? "")).toMatchObject({
      kind: "full",
      outcome: "refused",
      forced: false,
      estimatedCalls: plan.estimate.calls,
      callsUsed: 0,
      added: 0,
      changed: 0,
      error: error.message,
    });

    // The cheap paths are refused the same way once nothing is left.
    await useCallsUntil(db, shop.account.id, 100);
    // One at a time: a second promise made up front would reject before anything awaits it.
    for (const attempt of [
      async () => syncStock(db, await shop.open(), syncOptions),
      async () => syncProducts(db, await shop.open(), [5], syncOptions),
    ]) {
      expect((await failureOf(attempt())).code).toBe("QUOTA_EXCEEDED");
    }
    expect(shop.sim.requests.count()).toBe(0);
    const refused = await db
      .select()
      .from(schema.syncRuns)
      .where(eq(schema.syncRuns.outcome, "refused"));
    expect(refused.map((r) => r.kind).sort()).toEqual(["full", "products", "stock"]);
  });

  test("--force runs it anyway, records that it was forced, and warns", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 600, quota: 100 });
    await syncCatalog(db, await shop.open(), syncOptions);
    await useCallsUntil(db, shop.account.id, 95);
    shop.sim.mutate.setPrice(5, "1.11");
    shop.sim.requests.reset();

    const result = await syncCatalog(db, await shop.open(), { ...syncOptions, force: true });
    expect(result.forced).toBe(true);
    expect(result.callsUsed).toBe(shop.sim.requests.count());
    expect(result.counts).toMatchObject({ changed: 1, unchanged: 599 });
    expect((await mirror(db)).find((p) => p.productId === 5)?.price).toBe("1.11");
    expect(result.quota).toMatchObject({
      monthlyQuota: 100,
      usedThisMonth: 95 + result.callsUsed,
      remaining: 0,
    });
    expect(result.quota.warning).toContain(`has used ${95 + result.callsUsed} of its 100`);
    expect(await runRow(db, result.runId)).toMatchObject({
      outcome: "succeeded",
      forced: true,
      callsUsed: result.callsUsed,
    });
  });

  test("a first sync whose first page announces a catalog too big for the month stops there", async ({
    db,
  }) => {
    // Before the first sync the mirror knows no size: 9 calls fit in the 12 left, 8 pages do not.
    const shop = await simulatedShop(db, { products: 1_800, quota: 13 });
    const month = async () =>
      (await estimateSync(db, shop.account, { kind: "stock" }, NOW)).quota.usedThisMonth;
    expect(await month()).toBe(1); // the credential check of `accounts add`
    const error = await failureOf(syncCatalog(db, await shop.open(), syncOptions));
    expect(error.code).toBe("QUOTA_EXCEEDED");
    expect(shop.sim.requests.count()).toBe(1);
    expect(await db.$count(schema.catalogProducts)).toBe(0);
    expect(await runRow(db, error.run?.id ?? "")).toMatchObject({
      outcome: "refused",
      callsUsed: 1,
      estimatedCalls: 9,
    });
    // The call it spent counts against the month.
    expect(await month()).toBe(2);
  });

  test("warns once the account is above 80 % of its month, not before", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 30, quota: 1_000 });
    await syncCatalog(db, await shop.open(), syncOptions);
    await useCallsUntil(db, shop.account.id, 799);

    const at800 = await syncStock(db, await shop.open(), syncOptions);
    expect(at800.quota).toMatchObject({ usedThisMonth: 800, warning: null });

    const at801 = await syncStock(db, await shop.open(), syncOptions);
    expect(at801.quota.usedThisMonth).toBe(801);
    expect(at801.quota.warning).toContain("has used 801 of its 1000 Hiboutik API calls");
    expect(at801.quota.warning).toContain("80 %");

    // A new month starts afresh.
    const december = { now: () => new Date("2026-12-01T00:00:00Z") };
    const next = await syncStock(db, await shop.open(), december);
    expect(next.quota).toMatchObject({ usedThisMonth: 1, warning: null });
  });
});
