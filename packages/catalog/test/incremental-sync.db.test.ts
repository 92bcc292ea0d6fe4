import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { decodePhpForm } from "@comptoir/hiboutik-sim";
import { dbTest as test } from "@comptoir/testing";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { CatalogError, defaultSync, syncCatalog, syncProducts, syncStock } from "../src/index.ts";
import { simulatedShop, syncOptions } from "./support.ts";

type Wire = Record<string, unknown>;

const product = (db: DatabaseOrTransaction, id: number) =>
  db
    .select()
    .from(schema.catalogProducts)
    .where(eq(schema.catalogProducts.productId, id))
    .then((rows) => rows[0]);

/** A product of the seeded catalog with sizes and stock in the main store's warehouse. */
function sizedProduct(sim: Awaited<ReturnType<typeof simulatedShop>>["sim"], warehouseId: number) {
  for (let id = 1; id <= sim.catalog.productCount; id++) {
    const truth = sim.catalog.product(id) as Wire;
    const sizes = truth.product_size_details as Wire[];
    const cells = truth.stock_available as Wire[];
    const cell = cells.find(
      (c) =>
        Number(c.product_size) !== 0 &&
        c.warehouse_id === warehouseId &&
        Number(c.stock_available) > 0 &&
        sizes.length > 1,
    );
    if (truth.product_arch === 0 && truth.product_package === 0 && cell) {
      return { productId: id, sizeId: Number(cell.product_size) };
    }
  }
  throw new Error("the seeded catalog has no sized product in stock");
}

describe("the incremental path (no full sync)", () => {
  test("a changed price is picked up by re-reading that product only: one call", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 600 });
    await syncCatalog(db, await shop.open(), syncOptions);
    const before = await product(db, 5);

    shop.sim.mutate.setPrice(5, "12.34");
    shop.sim.requests.reset();
    const result = await syncProducts(db, await shop.open(), [5], syncOptions);

    expect(shop.sim.requests.count()).toBe(1);
    expect(result).toMatchObject({ kind: "products", estimatedCalls: 1, callsUsed: 1 });
    expect(result.counts).toMatchObject({ added: 0, changed: 1, removed: 0, skipped: 0 });
    const after = await product(db, 5);
    expect(after?.price).toBe("12.34");
    expect(after?.price).not.toBe(before?.price);
    expect(after?.detailReadAt).toEqual(syncOptions.now());
    // Nothing else moved.
    expect(await db.$count(schema.catalogProducts)).toBe(600);
  });

  test("the product webhook's payload names what to re-read; an archived product is marked", async ({
    db,
  }) => {
    const received: Record<string, unknown>[] = [];
    const shop = await simulatedShop(db, {
      products: 300,
      webhookFetch: async (_url, init) => {
        received.push(decodePhpForm(String(init?.body)));
        return new Response("ok");
      },
    });
    await syncCatalog(db, await shop.open(), syncOptions);
    await shop.sim.fetch(`${shop.sim.baseUrl}/webhooks/`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${shop.sim.credentials.user}:${shop.sim.credentials.apiKey}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "webhook_url=https://comptoir.example/webhooks/hiboutik/s3cret&webhook_action=product",
    });

    shop.sim.mutate.archiveProduct(42);
    shop.sim.mutate.setPrice(43, "99.90");
    await shop.sim.webhooks.flush();
    const ids = received.map((payload) => Number(payload.product_id));
    expect(ids).toEqual([42, 43]);

    shop.sim.requests.reset();
    const result = await syncProducts(db, await shop.open(), ids, syncOptions);
    expect(shop.sim.requests.count()).toBe(2);
    expect(result.callsUsed).toBe(2);
    expect(result.counts).toMatchObject({ changed: 2, unchanged: 0, removed: 0 });
    expect(await product(db, 42)).toMatchObject({ archived: true, removedAt: null });
    expect((await product(db, 43))?.price).toBe("99.90");

    // Un-archiving comes back the same way.
    shop.sim.mutate.archiveProduct(42, false);
    await syncProducts(db, await shop.open(), [42], syncOptions);
    expect((await product(db, 42))?.archived).toBe(false);
  });

  test("a sold-out size is picked up by a stock sync: one call for every warehouse", async ({
    db,
  }) => {
    const shop = await simulatedShop(db, { products: 600 });
    await syncCatalog(db, await shop.open(), syncOptions);
    const store = shop.sim.account.stores[0] as Wire;
    const warehouseId = Number(store.store_warehouse_id); // sellOut sells from store 1's
    const { productId, sizeId } = sizedProduct(shop.sim, warehouseId);
    const cell = () =>
      db
        .select()
        .from(schema.catalogStock)
        .where(
          and(
            eq(schema.catalogStock.productId, productId),
            eq(schema.catalogStock.sizeId, sizeId),
            eq(schema.catalogStock.warehouseId, warehouseId),
          ),
        )
        .then((rows) => rows[0]);
    expect(Number((await cell())?.available)).toBeGreaterThan(0);
    const otherCells = await db.$count(schema.catalogStock);

    shop.sim.mutate.sellOut(productId, sizeId);
    shop.sim.requests.reset();
    const result = await syncStock(db, await shop.open(), syncOptions);

    expect(shop.sim.requests.count()).toBe(1);
    expect(result).toMatchObject({ kind: "stock", estimatedCalls: 1, callsUsed: 1 });
    expect(result.counts).toMatchObject({ stockChanged: 1, added: 0, changed: 0, skipped: 0 });
    expect(Number((await cell())?.available)).toBe(0);
    expect(await db.$count(schema.catalogStock)).toBe(otherCells);

    // The same stock again writes nothing.
    const again = await syncStock(db, await shop.open(), syncOptions);
    expect(again.counts.stockChanged).toBe(0);
  });

  test("a product Hiboutik answers 404 for is marked removed, not deleted", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 30 });
    await syncCatalog(db, await shop.open(), syncOptions);
    shop.sim.faults.set({ failPage: { path: "/products/:product_id", page: 1, status: 404 } });
    const result = await syncProducts(db, await shop.open(), [30], syncOptions);
    expect(result.counts).toMatchObject({ removed: 1, changed: 0, added: 0 });
    expect((await product(db, 30))?.removedAt).toEqual(syncOptions.now());
    expect(await db.$count(schema.catalogProducts)).toBe(30);

    // A product never mirrored that Hiboutik does not know: nothing to mark.
    shop.sim.faults.reset();
    const unknown = await syncProducts(db, await shop.open(), [31], syncOptions);
    expect(unknown.counts).toMatchObject({ removed: 0, added: 0 });
  });

  test("refuses a request without product ids, or with ids that are not ids", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 5 });
    const client = await shop.open();
    for (const ids of [[], [0], [1.5], [-3]]) {
      const error = await syncProducts(db, client, ids, syncOptions).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatalogError);
      expect((error as CatalogError).code).toBe("INVALID_SYNC_REQUEST");
    }
    expect(shop.sim.requests.count()).toBe(0);
    expect(await db.$count(schema.syncRuns)).toBe(0);
  });

  test("without a kind asked for: full when never (or not for a day) fully synced, else stock", async ({
    db,
  }) => {
    const shop = await simulatedShop(db, { products: 5 });
    const id = shop.account.id;
    const at = (iso: string) => new Date(iso);
    expect((await defaultSync(db, id, at("2026-11-20T10:00:00Z"))).request.kind).toBe("full");
    shop.sim.faults.set({ failPage: { path: "/products", page: 1, status: 500 } });
    await syncCatalog(db, await shop.open(), syncOptions).catch(() => undefined);
    // A failed full sync does not count.
    expect((await defaultSync(db, id, at("2026-11-20T10:00:00Z"))).request.kind).toBe("full");
    shop.sim.faults.reset();
    await syncCatalog(db, await shop.open(), syncOptions);
    const soon = await defaultSync(db, id, at("2026-11-21T09:59:00Z"));
    expect(soon).toMatchObject({ request: { kind: "stock" } });
    expect(soon.reason).toContain("2026-11-20T10:00:00.000Z");
    expect((await defaultSync(db, id, at("2026-11-21T10:01:00Z"))).request.kind).toBe("full");
  });
});
