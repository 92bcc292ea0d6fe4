import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { dbTest as test } from "@comptoir/testing";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { SKIPPED_RECORDS_KEPT, syncCatalog, syncProducts, syncStock } from "../src/index.ts";
import { simulatedShop, syncOptions } from "./support.ts";

type Wire = Record<string, unknown>;
type Db = DatabaseOrTransaction;

const isList = (path: string) => /^\/products\/?$/.test(path);
const isDetail = (path: string) => /^\/products\/\d+\/?$/.test(path);

/** Replaces one field of the listed products whose id is in `ids`. */
const corrupt = (ids: readonly number[], field: string, value: unknown) => (records: unknown) =>
  (records as Wire[]).map((p) =>
    ids.includes(Number(p.product_id)) ? { ...p, [field]: value } : p,
  );

const product = (db: Db, id: number) =>
  db
    .select()
    .from(schema.catalogProducts)
    .where(eq(schema.catalogProducts.productId, id))
    .then((rows) => rows[0]);

const runRow = (db: Db, id: string) =>
  db
    .select()
    .from(schema.syncRuns)
    .where(eq(schema.syncRuns.id, id))
    .then((rows) => rows[0]);

describe("records that fail validation", () => {
  test("are skipped with their reason (product id, field, value); the sync goes on and counts them", async ({
    db,
  }) => {
    const shop = await simulatedShop(db, { products: 600 });
    const badPrice = corrupt([10], "product_price", "12,5O");
    const badId = corrupt([20], "product_id", "twenty");
    shop.setRewrite((path, _url, body) => (isList(path) ? badId(badPrice(body)) : body));

    const result = await syncCatalog(db, await shop.open(), syncOptions);
    expect(result.counts).toMatchObject({ added: 598, skipped: 2, removed: 0 });
    expect(result.skippedRecords).toEqual([
      {
        resource: "product",
        recordId: 10,
        issues: [expect.objectContaining({ field: "product_price", value: "12,5O" })],
      },
      {
        resource: "product",
        recordId: "twenty",
        issues: [expect.objectContaining({ field: "product_id", value: "twenty" })],
      },
    ]);
    for (const record of result.skippedRecords) {
      expect(record.issues[0]?.message.length).toBeGreaterThan(0);
    }
    expect(await product(db, 10)).toBeUndefined();
    expect(await product(db, 11)).toBeDefined();

    const run = await runRow(db, result.runId);
    expect(run).toMatchObject({ outcome: "succeeded", skipped: 2, added: 598, error: null });
    expect(run?.skippedRecords).toEqual(JSON.parse(JSON.stringify(result.skippedRecords)));
  });

  test("a product already mirrored keeps its last good row while its record is bad", async ({
    db,
  }) => {
    const shop = await simulatedShop(db, { products: 300 });
    await syncCatalog(db, await shop.open(), syncOptions);
    const good = await product(db, 10);

    shop.sim.mutate.setPrice(10, "7.77");
    shop.sim.mutate.setPrice(11, "8.88");
    shop.setRewrite((path, _url, body) =>
      isList(path) ? corrupt([10], "product_category", "shoes")(body) : body,
    );
    const result = await syncCatalog(db, await shop.open(), syncOptions);
    expect(result.counts).toMatchObject({ skipped: 1, changed: 1, removed: 0, unchanged: 298 });
    expect(result.skippedRecords[0]).toMatchObject({
      recordId: 10,
      issues: [{ field: "product_category", value: "shoes" }],
    });
    // Not taken for deleted, not half-written.
    expect(await product(db, 10)).toEqual(good);
    expect((await product(db, 11))?.price).toBe("8.88");

    // Once Hiboutik sends it right again, it is picked up.
    shop.setRewrite(undefined);
    const fixed = await syncCatalog(db, await shop.open(), syncOptions);
    expect(fixed.counts).toMatchObject({ skipped: 0, changed: 1 });
    expect((await product(db, 10))?.price).toBe("7.77");
  });

  test("a bad product detail is skipped; the other products of the request are written", async ({
    db,
  }) => {
    const shop = await simulatedShop(db, { products: 30 });
    await syncCatalog(db, await shop.open(), syncOptions);
    shop.sim.mutate.setPrice(3, "3.33");
    shop.sim.mutate.setPrice(4, "4.44");
    shop.setRewrite((path, _url, body) =>
      isDetail(path) && path.includes("/3") ? corrupt([3], "product_price", null)(body) : body,
    );
    const result = await syncProducts(db, await shop.open(), [3, 4], syncOptions);
    expect(result.counts).toMatchObject({ skipped: 1, changed: 1 });
    expect(result.skippedRecords[0]).toMatchObject({
      recordId: 3,
      issues: [{ field: "product_price", value: null }],
    });
    expect((await product(db, 4))?.price).toBe("4.44");
    expect((await product(db, 3))?.price).not.toBe("3.33");
  });

  test("a bad stock row is skipped; the rest of the stock is written", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 30 });
    await syncCatalog(db, await shop.open(), syncOptions);
    shop.setRewrite((path, _url, body) =>
      path.startsWith("/stock_available/all_wh")
        ? (body as Wire[]).map((row, index) =>
            index === 0 ? { ...row, stock_available: "lots" } : row,
          )
        : body,
    );
    const result = await syncStock(db, await shop.open(), syncOptions);
    expect(result.counts.skipped).toBe(1);
    expect(result.skippedRecords[0]?.issues[0]).toMatchObject({
      field: "stock_available",
      value: "lots",
    });
  });

  test("keeps the first reasons and counts them all", async ({ db }) => {
    const shop = await simulatedShop(db, { products: 300 });
    const ids = Array.from({ length: 80 }, (_, i) => i + 1);
    shop.setRewrite((path, _url, body) =>
      isList(path) ? corrupt(ids, "product_price", "n/a")(body) : body,
    );
    const result = await syncCatalog(db, await shop.open(), syncOptions);
    expect(result.counts).toMatchObject({ skipped: 80, added: 220 });
    expect(result.skippedRecords).toHaveLength(SKIPPED_RECORDS_KEPT);
    expect((await runRow(db, result.runId))?.skipped).toBe(80);
  });
});
