import { describe, expect, it } from "vitest";
import { Decimal, type Money, type Sale } from "../../src/index.ts";
import { clientFor, NOW, simulator } from "./support.ts";

const sum = (amounts: readonly Money[]) => amounts.reduce((a, b) => a.add(b), Decimal.ZERO);

describe("sales endpoints against the simulator", () => {
  const sim = simulator({ products: 400, days: 10, salesPerDay: 25 });
  const days = sim.catalog.historyDays().slice(-4);
  const storeIds = sim.account.stores.map((s) => Number(s.store_id));

  async function allSales(): Promise<Sale[]> {
    const { client } = clientFor(sim);
    const sales: Sale[] = [];
    for (const storeId of storeIds) {
      for (const day of days) {
        for await (const summary of client.sales.closed(storeId, day).values()) {
          sales.push(await client.sales.get(summary.id));
        }
      }
    }
    return sales;
  }

  it("lists the sales closed per store and day, as the simulator has them", async () => {
    const { client } = clientFor(sim);
    for (const storeId of storeIds) {
      for (const day of days) {
        const { values, invalid } = await client.sales.closed(storeId, day).collect();
        expect(invalid).toEqual([]);
        expect(values.map((s) => s.id)).toEqual(sim.catalog.closedSaleIds(storeId, day));
        for (const summary of values) {
          expect(summary.storeId).toBe(storeId);
          expect(summary.completedAt?.slice(0, 10)).toBe(day);
          // The closed-sales list spells it `resource_id` (the sale has `ressource_id`).
          expect(summary.raw).toHaveProperty("resource_id");
        }
      }
    }
  });

  it("reads every sale exactly: line totals, VAT summary, payments and seller", async () => {
    const sales = await allSales();
    expect(sales.length).toBeGreaterThan(20);
    for (const sale of sales) {
      const wire = sim.catalog.sale(sale.id);
      expect(sale.raw).toEqual(wire);
      expect(sale.closed).toBe(true);
      expect(sale.raw).toHaveProperty("ressource_id");
      expect(sale.total.toString()).toBe(wire?.total);
      // Line totals add up exactly to the sale's totals: no float drift anywhere.
      expect(
        sum(sale.lines.map((l) => l.total.gross)).equals(sale.totals.gross ?? Decimal.ZERO),
      ).toBe(true);
      expect(sum(sale.lines.map((l) => l.total.net)).equals(sale.totals.net ?? Decimal.ZERO)).toBe(
        true,
      );
      // The per-rate summary may differ from the line sums by rounding, never by more than a cent per rate.
      const gap = sum(sale.taxes.map((t) => t.tax))
        .sub(sale.totals.tax ?? Decimal.ZERO)
        .abs();
      expect(gap.compare(Decimal.parse("0.01").mul(sale.taxes.length))).toBeLessThanOrEqual(0);
      for (const line of sale.lines) {
        // `vat` (fraction string) and `tax_value` (percent) name the same rate.
        expect(line.vatRate?.percent.equals(Decimal.parse(String(line.raw.tax_value)))).toBe(true);
      }
      if (sale.payment === "DIV") {
        expect(sale.payments.length).toBeGreaterThan(1);
        expect(
          sum(sale.payments.map((p) => p.amount))
            .add(sale.balance ?? Decimal.ZERO)
            .equals(sale.total),
        ).toBe(true);
      } else {
        expect(sale.payments).toEqual([]);
      }
      const store = sim.account.stores.find((s) => s.store_id === sale.storeId);
      expect(sale.seller?.vatNumber).toBe(
        (store?.store_address as Record<string, unknown>)?.tax_number,
      );
    }
    // Returns are negative-price lines (the simulator's default, after the doc).
    const negative = sales.flatMap((s) => s.lines).filter((l) => l.unitPrice.isNegative());
    expect(negative.every((l) => l.quantity > 0)).toBe(true);
  });

  it("resolves a sale's customer and billing address", async () => {
    const { client } = clientFor(sim);
    const sale = (await allSales()).find(
      (s) => s.customerId !== null && s.billingAddressId !== null,
    );
    if (!sale?.customerId) throw new Error("expected a sale with a customer and a billing address");
    const customer = await client.customers.get(sale.customerId);
    expect(customer.raw).toEqual(sim.catalog.customer(sale.customerId));
    expect(customer.addresses.find((a) => a.id === sale.billingAddressId)).toBeDefined();
    expect(customer.sales.some((s) => s.saleId === sale.id)).toBe(true);
  });

  it("lists customers across pages", async () => {
    const many = simulator({ products: 0, customers: 620, days: 1 });
    const { client } = clientFor(many);
    const pages: number[] = [];
    let count = 0;
    for await (const page of client.customers.list().pages()) {
      expect(page.invalid).toEqual([]);
      pages.push(page.number);
      count += page.values.length;
    }
    expect(count).toBe(620);
    expect(pages).toEqual([1, 2, 3]);
  });

  it("finds the seller identity of a store from its latest closed sale", async () => {
    const { client } = clientFor(sim);
    const identity = await client.identity.ofStore(storeIds[0] ?? 1);
    const store = sim.account.stores[0];
    const address = store?.store_address as Record<string, unknown>;
    expect(identity.store.id).toBe(store?.store_id);
    expect(identity.seller).toMatchObject({
      company: address.company,
      vatNumber: address.tax_number,
      companyNumber: address.company_number,
      iban: address.iban,
    });
    expect(identity.fromSaleId).not.toBeNull();
    expect(identity.logoUrl).toMatch(/logo-account\.png$/);
  });

  it("reads an open sale: zero completed_at, no unique id, boolean date_z parts", async () => {
    const { client } = clientFor(sim);
    const storeId = storeIds[0] ?? 1;
    let productId = 1;
    while (Number(sim.catalog.product(productId)?.product_size_type) !== 0) productId += 1;
    const saleId = sim.mutate.createSale({ storeId, lines: [{ productId, quantity: 2 }] });
    const sale = await client.sales.get(saleId);
    expect(sale).toMatchObject({
      closed: false,
      completedAt: null,
      uniqueId: null,
      businessDay: null,
    });
    expect(sale.createdAt?.slice(0, 4)).toBe(String(NOW.getUTCFullYear()));
    expect(sale.raw.date_z_mm).toBe(false);
    expect(sale.lines[0]).toMatchObject({ productId, quantity: 2 });
  });
});
