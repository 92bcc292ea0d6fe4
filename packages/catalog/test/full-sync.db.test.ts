import { queryRows, schema } from "@comptoir/db";
import { dbTest as test } from "@comptoir/testing";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { CatalogError, fullSyncCost, syncCatalog } from "../src/index.ts";
import { simulatedShop, syncOptions } from "./support.ts";

const PRODUCTS = 1_800; // 8 pages: page 7 exists

type Wire = Record<string, unknown>;
const text = (value: unknown) => (value === "" || value === undefined ? null : value);

describe("a full sync", () => {
  test("leaves the planner statistics of the tables it filled", async ({ db }) => {
    const analyzed = async () =>
      (
        await queryRows<{ tablename: string }>(
          db,
          sql`select distinct tablename from pg_stats
              where tablename in ('catalog_products', 'catalog_variants', 'catalog_stock')
              order by tablename`,
        )
      ).map((row) => row.tablename);
    expect(await analyzed()).toEqual([]);
    const shop = await simulatedShop(db, { products: 300 });
    await syncCatalog(db, await shop.open(), syncOptions);
    expect(await analyzed()).toEqual(["catalog_products", "catalog_stock", "catalog_variants"]);
  });

  test("reproduces the seeded catalog exactly", async ({ db }) => {
    const shop = await simulatedShop(db, { products: PRODUCTS });
    const result = await syncCatalog(db, await shop.open(), syncOptions);
    expect(result.counts).toMatchObject({ added: PRODUCTS, changed: 0, removed: 0, skipped: 0 });

    const products = await db
      .select()
      .from(schema.catalogProducts)
      .orderBy(asc(schema.catalogProducts.productId));
    const variants = await db.select().from(schema.catalogVariants);
    const stock = await db.select().from(schema.catalogStock);
    expect(products).toHaveLength(shop.sim.catalog.productCount);

    let expectedVariants = 0;
    let expectedStock = 0;
    for (const row of products) {
      const truth = shop.sim.catalog.product(row.productId) as Wire;
      expect(row.name).toBe(truth.product_model);
      expect(row.price).toBe(truth.product_price); // to the cent, as text
      expect(row.discountPrice).toBe(
        truth.product_discount_price === "0.00" ? null : truth.product_discount_price,
      );
      expect(row.barcode).toBe(text(truth.product_barcode));
      expect(row.archived).toBe(truth.product_arch === 1);
      expect(row.publishedOnWeb).toBe(truth.product_display_www === 1);
      expect(row.categoryId).toBe(truth.product_category);

      const sizes = truth.product_size_details as Wire[];
      const mine = variants
        .filter((v) => v.productId === row.productId)
        .sort((a, b) => a.position - b.position);
      expect(mine.map((v) => [v.sizeId, v.name, v.barcode])).toEqual(
        sizes.map((s) => [s.size_id, s.size_name, text(s.barcode)]),
      );
      expectedVariants += sizes.length;

      const cells = truth.stock_available as Wire[];
      const myCells = stock.filter((s) => s.productId === row.productId);
      expect(myCells.map((c) => `${c.sizeId}/${c.warehouseId}=${c.available}`).sort()).toEqual(
        cells.map((c) => `${c.product_size}/${c.warehouse_id}=${c.stock_available}`).sort(),
      );
      expectedStock += cells.length;
    }
    expect(variants).toHaveLength(expectedVariants);
    expect(stock).toHaveLength(expectedStock);

    expect(await db.$count(schema.catalogCategories)).toBeGreaterThan(5);
    expect(await db.$count(schema.catalogWarehouses)).toBe(shop.sim.account.warehouses.length);
    expect(await db.$count(schema.catalogStores)).toBe(shop.sim.account.stores.length);
    expect(await db.$count(schema.catalogTaxes)).toBeGreaterThan(1);
    expect(await db.$count(schema.catalogSizes)).toBeGreaterThan(5);
    expect(await db.$count(schema.catalogTags)).toBeGreaterThan(3);
  });

  test("costs ceil(products / 250) + 8 + size types calls, as the simulator counts them", async ({
    db,
  }) => {
    for (const size of [0, 1, 250, 251, PRODUCTS]) {
      await db.delete(schema.accounts);
      const shop = await simulatedShop(db, { products: size });
      const client = await shop.open();
      const result = await syncCatalog(db, client, syncOptions);
      const sizeTypes =
        (await db.$count(schema.catalogSizes)) > 0
          ? new Set((await db.select().from(schema.catalogSizes)).map((s) => s.sizeTypeId)).size
          : 0;
      const formula = fullSyncCost({ products: size, sizeTypes });
      expect(shop.sim.requests.count()).toBe(formula.calls);
      expect(formula.calls).toBe(Math.max(1, Math.ceil(size / 250)) + 8 + sizeTypes);
      expect(result.callsUsed).toBe(formula.calls);
      expect(client.client.meter.byEndpoint()).toEqual(formula.breakdown);
      // The next run is estimated from what this one learned, and the estimate is exact.
      shop.sim.requests.reset();
      const again = await syncCatalog(db, await shop.open(), syncOptions);
      expect(again.estimatedCalls).toBe(shop.sim.requests.count());
    }
  });

  test("a second full sync with no change changes nothing, not even synced_at", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 600 });
    await syncCatalog(db, await shop.open(), syncOptions);
    const snapshot = async () => ({
      products: await db
        .select()
        .from(schema.catalogProducts)
        .orderBy(asc(schema.catalogProducts.productId)),
      variants: await db.select().from(schema.catalogVariants),
      stock: await db.select().from(schema.catalogStock),
      categories: await db.select().from(schema.catalogCategories),
      sizes: await db.select().from(schema.catalogSizes),
    });
    const before = await snapshot();
    const later = { ...syncOptions, now: () => new Date("2026-11-21T08:00:00Z") };
    const second = await syncCatalog(db, await shop.open(), later);
    expect(second.counts).toEqual({
      added: 0,
      changed: 0,
      removed: 0,
      unchanged: 600,
      stockChanged: 0,
      skipped: 0,
    });
    expect(await snapshot()).toEqual(before);
  });

  test("marks products that disappeared, and unmarks them when they come back", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 300 });
    await syncCatalog(db, await shop.open(), syncOptions);
    shop.setRewrite((path, _url, body) =>
      path.startsWith("/products") ? (body as Wire[]).filter((p) => p.product_id !== 42) : body,
    );
    const gone = await syncCatalog(db, await shop.open(), syncOptions);
    expect(gone.counts).toMatchObject({ removed: 1, unchanged: 299 });
    const product = (id: number) =>
      db.select().from(schema.catalogProducts).where(eq(schema.catalogProducts.productId, id));
    expect((await product(42))[0]?.removedAt).toEqual(new Date("2026-11-20T10:00:00Z"));

    shop.setRewrite(undefined);
    const back = await syncCatalog(db, await shop.open(), syncOptions);
    expect(back.counts).toMatchObject({ changed: 1, removed: 0, unchanged: 299 });
    expect((await product(42))[0]?.removedAt).toBeNull();
  });

  test("that fails on page 7 leaves the previous mirror intact and records why", async ({ db }) => {
    const shop = await simulatedShop(db, { products: PRODUCTS });
    await syncCatalog(db, await shop.open(), syncOptions);
    const before = await db
      .select()
      .from(schema.catalogProducts)
      .orderBy(asc(schema.catalogProducts.productId));
    const stockBefore = await db.select().from(schema.catalogStock);

    shop.sim.mutate.setPrice(3, "1.23"); // page 1: would be written before the failure
    shop.sim.mutate.archiveProduct(1700); // page 7
    shop.sim.faults.set({ failPage: { path: "/products", page: 7, status: 500 } });
    const failure = await syncCatalog(db, await shop.open(), syncOptions).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CatalogError);
    const error = failure as CatalogError;
    expect(error.code).toBe("SYNC_FAILED");
    expect(error.message).toContain("/products/");
    expect(error.message).toContain("left as it was");

    expect(
      await db.select().from(schema.catalogProducts).orderBy(asc(schema.catalogProducts.productId)),
    ).toEqual(before);
    expect(await db.select().from(schema.catalogStock)).toEqual(stockBefore);
    const [run] = await db
      .select()
      .from(schema.syncRuns)
      .where(eq(schema.syncRuns.id, error.run?.id ?? ""));
    expect(run).toMatchObject({ kind: "full", outcome: "failed", added: 0, changed: 0 });
    expect(run?.error).toContain("500");
    expect(run?.callsUsed).toBe(8); // pages 1–6, page 7 twice (one retry)
    expect(run?.finishedAt).not.toBeNull();
  });
});
