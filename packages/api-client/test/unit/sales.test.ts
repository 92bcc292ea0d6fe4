import { describe, expect, it } from "vitest";
import { Decimal, VatRate } from "../../src/index.ts";
import { fakeHiboutik, one, testClient } from "../support/fake-hiboutik.ts";
import { closedSale4821, customer87, sale4821 } from "../support/fixtures.ts";

describe("sales.get", () => {
  it("maps lines, VAT summary, payments and the seller identity", async () => {
    const { fetch } = fakeHiboutik((app) => app.get("/sales/4821", (c) => c.json(one(sale4821))));
    const sale = await testClient(fetch).client.sales.get(4821);

    expect(sale).toMatchObject({
      id: 4821,
      uniqueId: "2025-03-1-42",
      storeId: 1,
      vendorId: 3,
      vendorName: "Camille DURAND",
      customerId: 87,
      currency: "EUR",
      createdAt: "2025-03-14T16:02:11",
      completedAt: "2025-03-14T16:05:47",
      businessDay: "2025-03-14",
      closed: true,
      payment: "DIV",
      billingAddressId: 131,
      shippingAddressId: null,
      resourceId: null,
      vatNumber: "FR12345678901",
      euVatCode: "S",
      externalRef: null,
      language: "fr",
      seller: {
        company: "BOUTIQUE EXEMPLE",
        zipCode: "69002",
        country: "FRA",
        vatNumber: "FR00123456789",
        companyNumber: "12345678900012",
        nafCode: "4771Z",
      },
    });
    expect(sale.total.toString()).toBe("102.42");
    expect(sale.totals.net?.toString()).toBe("86.79");

    const [first, second, third] = sale.lines;
    expect(first).toMatchObject({
      id: 9911,
      productId: 112,
      sizeId: 2,
      sizeName: "M",
      quantity: 2,
    });
    expect(first?.total.gross.toString()).toBe("50.00");
    expect(first?.vatRate?.equals(VatRate.fromPercent(20))).toBe(true);
    expect(second?.discount?.toString()).toBe("9.98");
    expect(second?.discountPercentage?.equals(Decimal.parse("20"))).toBe(true);
    expect(second?.sizeName).toBeNull();
    expect(third?.vatRate?.toString()).toBe("5.5%");

    expect(
      sale.taxes.map((t) => [t.rate.toString(), t.net.toString(), t.tax.toString(), t.letter]),
    ).toEqual([
      ["20%", "74.93", "14.99", "A"],
      ["5.5%", "11.85", "0.65", "B"],
    ]);
    // The per-rate sums differ from the line sums by a cent, as on real sales: nothing is "fixed".
    const perRateNet = sale.taxes.map((t) => t.net).reduce((a, b) => a.add(b));
    expect(perRateNet.toString()).toBe("86.78");

    expect(sale.payments.map((p) => [p.id, p.type, p.amount.toString()])).toEqual([
      [7001, "CB", "80.00"],
      [7002, "ESP", "22.42"],
    ]);
    expect(sale.lines[0]?.raw).toMatchObject({ line_item_id: 9911 });
  });

  it("reads an open sale: zero-dates, no unique id, false date parts, vat from tax_value", async () => {
    const open = {
      ...sale4821,
      unique_sale_id: "",
      completed_at: "0000-00-00 00:00:00",
      date_z: 0,
      date_z_mm: false,
      ressource_id: "7",
      store_address: {},
      payment_details: undefined,
      line_items: [{ ...sale4821.line_items[0], vat: undefined, tax_value: 8.5 }],
    };
    const { fetch } = fakeHiboutik((app) => app.get("/sales/4821", (c) => c.json(one(open))));
    const sale = await testClient(fetch).client.sales.get(4821);
    expect(sale).toMatchObject({
      uniqueId: null,
      completedAt: null,
      businessDay: null,
      closed: false,
      resourceId: 7,
      seller: null,
      payments: [],
    });
    expect(sale.lines[0]?.vatRate?.toString()).toBe("8.5%");
  });
});

describe("sales.closed", () => {
  it("lists a store's day with zero-padded dates and resource_id", async () => {
    const { fetch, requests } = fakeHiboutik((app) =>
      app.get("/closed_sales/1/2025/03/07", (c) => c.json([closedSale4821])),
    );
    const { values } = await testClient(fetch).client.sales.closed(1, "2025-03-07").collect();
    expect(requests[0]?.path).toBe("/closed_sales/1/2025/03/07");
    expect(values[0]).toMatchObject({
      id: 4821,
      resourceId: 4,
      customerId: 87,
      shippingAddressId: null,
    });
    expect(values[0]?.total.toString()).toBe("102.42");
  });

  it("treats a 404 day as a day without sales", async () => {
    const { fetch } = fakeHiboutik((app) =>
      app.get("/closed_sales/1/2025/03/08", (c) => c.json({ error: "not_found", code: 4 }, 404)),
    );
    const pages = [];
    for await (const page of testClient(fetch)
      .client.sales.closed(1, { year: 2025, month: 3, day: 8 })
      .pages()) {
      pages.push(page);
    }
    expect(pages).toHaveLength(1);
    expect(pages[0]?.total).toBe(0);
    expect(pages[0]?.records).toEqual([]);
  });

  it("refuses impossible days", () => {
    const { fetch } = fakeHiboutik(() => {});
    expect(() => testClient(fetch).client.sales.closed(1, "2025-02-30")).toThrow(RangeError);
  });
});

describe("customers", () => {
  it("maps a customer with addresses, the intial_loyalty_points spelling and zero-dates", async () => {
    const { fetch } = fakeHiboutik((app) =>
      app.get("/customer/87", (c) => c.json(one(customer87))),
    );
    const customer = await testClient(fetch).client.customers.get(87);
    expect(customer).toMatchObject({
      id: 87,
      firstName: "Claire",
      lastName: "MARTIN",
      company: "Atelier Martin SARL",
      vatNumber: "FR12345678901",
      country: "FRA",
      dateOfBirth: null,
      loyaltyPoints: 101,
      initialLoyaltyPoints: 0,
      externalRef: null,
      lastOrderDate: "2025-03-14",
      addresses: [
        {
          id: 131,
          street: "5 place Bellecour",
          zipCode: "69002",
          city: "Lyon",
          createdAt: "2024-11-02T10:14:00",
        },
      ],
      sales: [{ saleId: 4821, storeId: 1 }],
    });
    expect(customer.storeCredit?.toString()).toBe("0.00");
  });

  it("lists customers page by page", async () => {
    const { fetch, requests } = fakeHiboutik((app) =>
      app.get("/customers/", (c) => c.json([{ customers_id: "5", first_name: "A" }])),
    );
    const { values } = await testClient(fetch).client.customers.list().collect();
    expect(values.map((c) => c.id)).toEqual([5]);
    expect(requests[0]?.query).toBe("?p=1");
  });
});
