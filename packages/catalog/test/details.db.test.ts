import { callsThisMonth, recordUsage } from "@comptoir/accounts";
import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { dbTest as test } from "@comptoir/testing";
import { and, asc, eq, isNull } from "drizzle-orm";
import { describe, expect } from "vitest";
import {
  CatalogError,
  countPendingDetails,
  defaultSync,
  detailsCap,
  estimateSync,
  fullSyncCost,
  mirrorFacts,
  syncCatalog,
  syncStock,
} from "../src/index.ts";
import { NOW, simulatedShop } from "./support.ts";

type Db = DatabaseOrTransaction;
const T = schema.catalogProducts;
const at = (iso: string) => ({ now: () => new Date(iso) });

const products = (db: Db) => db.select().from(T).orderBy(asc(T.productId));

/** Products a feed can publish: the detail pass's default scope. */
const publishable = (db: Db) =>
  db.$count(T, and(eq(T.archived, false), eq(T.publishedOnWeb, true), isNull(T.removedAt)));

const runRow = (db: Db, id: string) =>
  db
    .select()
    .from(schema.syncRuns)
    .where(eq(schema.syncRuns.id, id))
    .then((rows) => rows[0]);

/** The list calls of a full sync, as the mirror now knows the catalog. */
const listCalls = async (db: Db, accountId: string) =>
  fullSyncCost(await mirrorFacts(db, accountId)).calls;

describe("the detail pass", () => {
  test("a default sync of a small catalog reads every publishable detail: products get images", async ({
    db,
  }) => {
    const shop = await simulatedShop(db, { products: 40 });
    const { request } = await defaultSync(db, shop.account.id, NOW);
    expect(request).toEqual({ kind: "full", details: "auto" });

    const result = await syncCatalog(db, await shop.open(), { now: () => NOW });
    const due = await publishable(db);
    expect(due).toBeGreaterThan(20);
    expect(result.details).toEqual({ read: due, pending: 0 });
    // Exactly the list calls plus one per detail, as the simulator counts them.
    expect(shop.sim.requests.count()).toBe((await listCalls(db, shop.account.id)) + due);
    expect(result.callsUsed).toBe(shop.sim.requests.count());
    // The list's products are counted once: the details add images, not "changed" products.
    expect(result.counts).toMatchObject({ added: 40, changed: 0 });

    for (const row of await products(db)) {
      const readable = !row.archived && row.publishedOnWeb;
      expect(row.detailReadAt, `product ${row.productId}`).toEqual(readable ? NOW : null);
      if (readable) expect(row.images, `product ${row.productId}`).not.toBeNull();
      if (readable) expect(row.detailPosUpdatedAt).toBe(row.posUpdatedAt);
    }
    const withImages = (await products(db)).filter((row) => (row.images as unknown[])?.length > 0);
    expect(withImages.length).toBeGreaterThan(0);
    expect(await runRow(db, result.runId)).toMatchObject({ detailsRead: due, detailsPending: 0 });

    // Nothing is due any more: the next default run (stock) makes its one call.
    shop.sim.requests.reset();
    const stock = await syncStock(db, await shop.open(), { now: () => NOW, details: "auto" });
    expect(shop.sim.requests.count()).toBe(1);
    expect(stock.details).toEqual({ read: 0, pending: 0 });
  });

  test("keeps to its budget exactly: a number, then the rest over the next runs", async ({
    db,
  }) => {
    const shop = await simulatedShop(db, { products: 60 });
    const first = await syncCatalog(db, await shop.open(), { now: () => NOW, details: 7 });
    const due = await publishable(db);
    const list = await listCalls(db, shop.account.id);
    expect(shop.sim.requests.count()).toBe(list + 7);
    expect(first.details).toEqual({ read: 7, pending: due - 7 });
    // The mirror was empty: the estimate knew of no catalog, hence of no detail due.
    expect(first.estimatedCalls).toBe(fullSyncCost({ products: 0, sizeTypes: 0 }).calls);
    expect(await countPendingDetails(db, shop.account.id)).toBe(due - 7);

    // Asking for more than is due reads what is due, and no more.
    const plan = await estimateSync(db, shop.account, { kind: "stock", details: 1000 }, NOW);
    expect(plan.details).toEqual({ planned: due - 7, pending: due - 7 });
    expect(plan.estimate.calls).toBe(1 + due - 7);
    shop.sim.requests.reset();
    const rest = await syncStock(db, await shop.open(), { now: () => NOW, details: 1000 });
    expect(shop.sim.requests.count()).toBe(1 + due - 7);
    expect(rest).toMatchObject({ estimatedCalls: 1 + due - 7, callsUsed: 1 + due - 7 });
    expect(rest.details).toEqual({ read: due - 7, pending: 0 });

    // --details none, and hidden products only when asked.
    shop.sim.requests.reset();
    const none = await syncStock(db, await shop.open(), { now: () => NOW, details: "none" });
    expect(shop.sim.requests.count()).toBe(1);
    expect(none.details.read).toBe(0);
    const hidden = 60 - due;
    expect(hidden).toBeGreaterThan(0);
    const all = await syncStock(db, await shop.open(), {
      now: () => NOW,
      details: "all",
      detailsIncludeHidden: true,
    });
    expect(all.details).toEqual({ read: hidden, pending: 0 });
  });

  test("auto takes a quarter of what is left and keeps the month's reserve", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 60, quota: 100 });
    await syncCatalog(db, await shop.open(), { now: () => NOW, details: "none" });
    const left = 100 - (await callsThisMonth(db, shop.account.id, NOW)) - 1; // after the stock call
    const cap = Math.min(Math.floor(left * 0.25), left - 20);
    expect(detailsCap("auto", left, 100)).toBe(cap);
    shop.sim.requests.reset();
    const run = await syncStock(db, await shop.open(), { now: () => NOW, details: "auto" });
    expect(run.details.read).toBe(cap);
    expect(shop.sim.requests.count()).toBe(1 + cap);

    // Only the reserve left: auto reads nothing (and is not refused).
    const used = await callsThisMonth(db, shop.account.id, NOW);
    await recordUsage(db, shop.account.id, { "GET /elsewhere/": 100 - 20 - used }, NOW);
    shop.sim.requests.reset();
    const reserve = await syncStock(db, await shop.open(), { now: () => NOW, details: "auto" });
    expect(reserve.details.read).toBe(0);
    expect(shop.sim.requests.count()).toBe(1);
  });

  test("re-reads a product changed on the POS on the next run, and not an unchanged one", async ({
    db,
  }) => {
    const shop = await simulatedShop(db, { products: 40 });
    await syncCatalog(db, await shop.open(), { now: () => NOW });
    const before = new Map((await products(db)).map((row) => [row.productId, row]));
    const changed = [...before.values()].find((row) => !row.archived && row.publishedOnWeb);
    const still = [...before.values()].find(
      (row) => !row.archived && row.publishedOnWeb && row.productId !== changed?.productId,
    );
    if (!changed || !still) throw new Error("the seeded catalog has too few publishable products");

    shop.sim.mutate.setPrice(changed.productId, "12.34");
    shop.sim.requests.reset();
    const later = "2026-11-21T08:00:00.000Z";
    const next = await syncCatalog(db, await shop.open(), at(later));
    expect(next.details).toEqual({ read: 1, pending: 0 });
    expect(next.counts).toMatchObject({ changed: 1, unchanged: 39 });
    expect(shop.sim.requests.count()).toBe((await listCalls(db, shop.account.id)) + 1);

    const after = new Map((await products(db)).map((row) => [row.productId, row]));
    expect(after.get(changed.productId)?.detailReadAt).toEqual(new Date(later));
    expect(after.get(changed.productId)?.price).toBe("12.34");
    expect(after.get(changed.productId)?.detailPosUpdatedAt).not.toBe(changed.posUpdatedAt);
    expect(after.get(still.productId)?.detailReadAt).toEqual(NOW);

    // The mirror already saw the change through a re-read: nothing due after the next list.
    shop.sim.requests.reset();
    const third = await syncCatalog(db, await shop.open(), at("2026-11-22T08:00:00Z"));
    expect(third.details).toEqual({ read: 0, pending: 0 });
    expect(shop.sim.requests.count()).toBe(await listCalls(db, shop.account.id));
  });

  test("the quota refusal counts the details, says so, and calls nothing", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 60, quota: 40 });
    await syncCatalog(db, await shop.open(), { now: () => NOW, details: "none" });
    const due = await publishable(db);
    const remaining = 40 - (await callsThisMonth(db, shop.account.id, NOW));
    expect(1 + due).toBeGreaterThan(remaining);
    const plan = await estimateSync(db, shop.account, { kind: "stock", details: "all" }, NOW);
    expect(plan).toMatchObject({ affordable: false, details: { planned: due, pending: due } });
    expect(plan.estimate).toEqual({
      calls: 1 + due,
      breakdown: { "GET /stock_available/all_wh/": 1, "GET /products/{id}": due },
    });

    shop.sim.requests.reset();
    const error = await syncStock(db, await shop.open(), { now: () => NOW, details: "all" }).then(
      () => {
        throw new Error("expected a refusal");
      },
      (e: unknown) => e as CatalogError,
    );
    expect(error).toBeInstanceOf(CatalogError);
    expect(error.code).toBe("QUOTA_EXCEEDED");
    expect(error.message).toContain(
      `needs about ${1 + due} Hiboutik API calls (${due} of them product details)`,
    );
    expect(error.message).toContain("--details");
    expect(shop.sim.requests.count()).toBe(0);
    expect(error.run).toMatchObject({ outcome: "refused", detailsRead: 0, detailsPending: due });
  });
});
