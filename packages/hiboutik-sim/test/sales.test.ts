import { describe, expect, it } from "vitest";
import { fixedClock, get, getJson, type Row, simulator } from "./helpers.ts";

const cents = (value: unknown) => Math.round(Number(value) * 100);
const sum = (rows: Row[], key: string) => rows.reduce((s, r) => s + cents(r[key]), 0);

describe("closed sales", () => {
  it("lists a day's closed sales per store, with padded or unpadded dates", async () => {
    const sim = simulator();
    const day = sim.catalog.historyDays().at(-1) ?? "";
    expect(day).toBe("2025-03-14");
    const ids = sim.catalog.closedSaleIds(1, day);
    expect(ids.length).toBeGreaterThan(5);
    const padded = await get(sim, "/closed_sales/1/2025/03/14");
    expect(padded.headers.get("content-range")).toBe(`1-${ids.length}/${ids.length}`);
    const rows = (await padded.json()) as Row[];
    expect(rows.map((r) => r.sale_id)).toEqual(ids);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "sale_id",
      "created_at",
      "completed_at",
      "store_id",
      "vendor_id",
      "unique_sale_id",
      "customer_id",
      "currency",
      "payment",
      "billing_address",
      "shipping_address",
      "resource_id",
      "guests_number",
      "total",
    ]);
    expect(await getJson(sim, "/closed_sales/1/2025/3/14/")).toEqual(rows);
    expect(rows[0]?.unique_sale_id).toMatch(/^2025-03-1-\d+$/);
    expect(await getJson(sim, "/closed_sales/1/2024/01/01")).toEqual([]);
  });

  it("keeps every sale's totals, tax summary and payments consistent", async () => {
    const sim = simulator({ products: 3000 });
    const seen = { split: 0, returns: 0, discounts: 0, multiRate: 0, b2b: 0 };
    for (let id = 1; id <= sim.catalog.saleCount; id++) {
      const sale = sim.catalog.sale(id) as Row;
      const lines = sale.line_items as Row[];
      const taxes = sale.taxes as Row[];
      expect(sale.sale_total_gross).toBe(sale.total);
      expect(cents(sale.sale_total_gross)).toBe(sum(lines, "item_total_gross"));
      expect(cents(sale.sale_total_net)).toBe(sum(lines, "item_total_net"));
      expect(cents(sale.sale_total_net) + cents(sale.sale_total_tax)).toBe(cents(sale.total));
      expect(sum(taxes, "total_gross")).toBe(cents(sale.total));
      // Per-rate nets are rounded on their own: at most a cent away per rate.
      expect(Math.abs(sum(taxes, "total_net") - cents(sale.sale_total_net))).toBeLessThanOrEqual(
        taxes.length,
      );
      for (const line of lines) {
        expect(line.vat).toMatch(/^0\.\d{5}$/);
        expect(typeof line.tax_value).toBe("number");
        expect(cents(line.item_total_gross)).toBe(
          cents(line.product_price) * Number(line.quantity),
        );
        expect(Number(line.quantity)).toBeGreaterThan(0);
      }
      expect(sale.sale_total_quantity).toBe(lines.length);
      if (sale.payment === "DIV") {
        seen.split++;
        expect(sum(sale.payment_details as Row[], "payment_amount")).toBe(cents(sale.total));
        expect(sale.balance).toBe("0.00");
      } else {
        expect(sale).not.toHaveProperty("payment_details");
      }
      if (lines.some((l) => cents(l.product_price) < 0)) {
        seen.returns++;
        expect(lines.find((l) => cents(l.product_price) < 0)?.line_item_id_return).toBeGreaterThan(
          0,
        );
      }
      if (lines.some((l) => l.discount !== "0.00")) seen.discounts++;
      if (taxes.length > 1) seen.multiRate++;
      if (sale.vat_number !== "") seen.b2b++;
    }
    expect(seen.split).toBeGreaterThan(10);
    expect(seen.returns).toBeGreaterThan(3);
    expect(seen.discounts).toBeGreaterThan(50);
    expect(seen.multiRate).toBeGreaterThan(50);
    expect(seen.b2b).toBeGreaterThan(10);
  });

  it("can show returns as negative quantities instead", async () => {
    const sim = simulator({ products: 3000, returnLines: "negative-quantity" });
    let found = 0;
    for (let id = 1; id <= sim.catalog.saleCount; id++) {
      for (const line of (sim.catalog.sale(id)?.line_items ?? []) as Row[]) {
        if (Number(line.quantity) < 0) {
          found++;
          expect(cents(line.product_price)).toBeGreaterThan(0);
          expect(cents(line.item_total_gross)).toBeLessThan(0);
        }
      }
    }
    expect(found).toBeGreaterThan(3);
  });

  it("sends the seller's legal identity, receipt links and documented quirks in GET /sales/{id}", async () => {
    const sim = simulator();
    const sale = (await getJson<Row[]>(sim, "/sales/100"))[0] as Row;
    expect(sale).toMatchObject({
      sale_id: 100,
      ressource_id: 0,
      invoice_id: "",
      pickup_date: "0000-00-00 00:00:00",
      date_z: expect.any(Number),
      store_address: expect.objectContaining({ company: "COMPTOIR DES CANUTS", code_naf: "4771Z" }),
      url_receipt: expect.stringMatching(/^https:\/\/myrecei\.pt\/fr\/\d{6}\/100\/[a-z0-9]{10}$/),
      eu_vat_code: expect.stringMatching(/^[SE]$/),
    });
    expect((await get(sim, "/sales/999999")).status).toBe(404);
  });
});

describe("sales made by mutations", () => {
  it("opens a sale (open_sales, zero dates, false date_z parts), then closes it for today", async () => {
    const clock = fixedClock();
    const sim = simulator({ now: clock.now });
    const product = (
      await getJson<Row[]>(sim, "/products/search/?product_size_type=0&product_package=0")
    )[0] as Row;
    const id = sim.mutate.createSale({
      customerId: 3,
      lines: [{ productId: Number(product.product_id), quantity: 2, discountPercent: 10 }],
      payment: [
        { type: "CB", amount: "1.00" },
        { type: "ESP", amount: "0.00" },
      ],
    });
    expect((await getJson<Row[]>(sim, "/open_sales/1")).map((s) => s.sale_id)).toEqual([id]);
    const open = (await getJson<Row[]>(sim, `/sales/${id}`))[0] as Row;
    expect(open).toMatchObject({
      completed_at: "0000-00-00 00:00:00",
      unique_sale_id: "",
      date_z: 0,
      date_z_yyyy: "0",
      date_z_mm: false,
      date_z_dd: false,
      customer_id: 3,
      payment: "DIV",
    });
    expect(() => sim.mutate.closeSale(id)).toThrow(/Split payments add up to/);

    const closedId = sim.mutate.closeSale({
      lines: [{ productId: Number(product.product_id) }],
      payment: "ESP",
    });
    clock.advance(1000);
    const today = await getJson<Row[]>(sim, "/closed_sales/1/2025/03/15");
    expect(today.map((s) => s.sale_id)).toEqual([closedId]);
    const closed = (await getJson<Row[]>(sim, `/sales/${closedId}`))[0] as Row;
    expect(closed.completed_at).toBe("2025-03-15 11:00:00");
    expect(closed.date_z).toBe(20250315);
    expect(closed.unique_sale_id).toMatch(/^2025-03-1-\d+$/);
  });

  it("refuses sized products without a size, like the real API", async () => {
    const sim = simulator();
    const sized = (await getJson<Row[]>(sim, "/products/search/?product_size_type=1"))[0] as Row;
    expect(() => sim.mutate.sellStock(Number(sized.product_id), 0)).toThrow(/valid size_id/);
  });
});
