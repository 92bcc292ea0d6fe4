import { type Database, schema } from "@comptoir/db";
import { createTestDatabase, type TestDatabase } from "@comptoir/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeSharedRenderPool, issueInvoice, listInvoices } from "../src/index.ts";
import { simulatedShop } from "./fixtures/shop.ts";

/**
 * 50 issuances at once on a real database of its own (not the rolled-back test transaction), so
 * each runs its own transaction. On PostgreSQL they run on up to 10 pooled connections and
 * really contend for the series counter's row lock; PGlite has a single connection and runs the
 * transactions one after another, so there it checks idempotency and numbering, not the lock.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await closeSharedRenderPool();
  await database.handle.close();
  // Let the pool's sockets finish closing before the scratch database is dropped (with force).
  await new Promise((resolve) => setTimeout(resolve, 200));
  await database.dispose();
});

describe(`gapless numbering under 50 concurrent issuances`, () => {
  it("gives 40 sales 40 consecutive numbers, once each, whatever the interleaving", async () => {
    const db: Database = database.handle.db;
    const shop = await simulatedShop(db);
    const sales = await shop.invoiceableSales(40);
    expect(sales).toHaveLength(40);
    // Ten sales are asked for twice, at the same time.
    const requests = [...sales, ...sales.slice(0, 10)];
    const results = await Promise.all(
      requests.map((saleId) => issueInvoice(db, shop.services, shop.account, { saleId })),
    );

    const invoices = await listInvoices(db, shop.account);
    expect(invoices).toHaveLength(40);
    const sequences = invoices.map((i) => Number(i.number.slice(-6))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(invoices.map((i) => i.saleId)).size).toBe(40);
    expect(results.filter((r) => r.created)).toHaveLength(40);
    for (const [index, saleId] of sales.slice(0, 10).entries()) {
      const first = results[index];
      const second = results[40 + index];
      expect(second?.invoice.id, `sale ${saleId}`).toBe(first?.invoice.id);
    }
    const [series] = await db.select().from(schema.invoiceSeries);
    expect(series).toMatchObject({ kind: "invoice", period: "2026", lastNumber: 40 });
  });
});
