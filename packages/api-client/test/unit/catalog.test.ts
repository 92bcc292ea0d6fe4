import { describe, expect, it } from "vitest";
import { HiboutikForbiddenError, HiboutikNotFoundError, VatRate } from "../../src/index.ts";
import { fakeHiboutik, testClient } from "../support/fake-hiboutik.ts";
import { categories, stockOf112 } from "../support/fixtures.ts";

describe("catalog reference lists", () => {
  const { fetch, requests } = fakeHiboutik((app) => {
    app.get("/categories/", (c) => c.json(categories));
    app.get("/brands/", (c) =>
      c.json([
        {
          brand_id: 4,
          brand_name: "Acme",
          brand_enabled: 1,
          brand_enabled_www: "0",
          brand_position: 2,
        },
      ]),
    );
    app.get("/suppliers/", (c) =>
      c.json([
        {
          supplier_id: 2,
          supplier_name: "Textiles SA",
          supplier_email: "",
          supplier_ref_ext: "TX",
        },
      ]),
    );
    app.get("/size_types/", (c) => c.json([{ size_type_id: 2, size_type_name: "Vêtements" }]));
    app.get("/sizes/2", (c) =>
      c.json([
        { size_id: 1, size_type_id: 2, size_name: "S", size_enabled: 1, size_position: 1 },
        { size_id: 2, size_name: "M", size_enabled: "0" },
      ]),
    );
    app.get("/tags/products", (c) =>
      c.json([
        {
          tag_cat_id: 1,
          tag_cat: "Labels",
          tag_cat_desc: "",
          tag_cat_enabled: 1,
          tag_cat_enabled_www: 1,
          tag_details: [
            { tag_id: 7, tag: "Bio", tag_desc: "", tag_enabled: 1, tag_enabled_www: 0 },
          ],
        },
      ]),
    );
    app.get("/taxes/", (c) =>
      c.json([
        { tax_id: 1, tax_value: "0.20000", tax_name: "TVA 20%" },
        { tax_id: 3, tax_value: "0.055" },
        { tax_id: 4, tax_value: 2.1 },
      ]),
    );
    app.get("/stores/", (c) =>
      c.json([
        {
          store_id: 1,
          store_name: "Boutique Lyon",
          store_warehouse_id: 1,
          store_default_currency: "EUR",
          store_default_payment_method: "CB",
          store_time_zone: "Europe/Paris",
        },
      ]),
    );
    app.get("/warehouses/", (c) => c.json([{ warehouse_id: "1", warehouse_name: "Lyon" }]));
    app.get("/payment_types/1/", (c) => c.json([{ payment_type: "CB" }, "ESP"]));
    app.get("/stock_available/warehouse_id/1", (c) =>
      c.json([
        { ...stockOf112[0], product_barcode: "3701234500010", product_supplier_reference: "" },
      ]),
    );
    app.get("/stock_available/all_wh/", (c) => c.json(stockOf112));
    app.get("/stock_available/product_id/112", (c) => c.json(stockOf112));
    app.get("/products_images/112", (c) =>
      c.json([{ image_id: 1, url: "https://x/big_112-1.jpg" }]),
    );
    app.get("/products_images/113", (c) => c.json([]));
    app.get("/products_images/114", (c) => c.json({ error: "not_found" }, 404));
  });
  const { client } = testClient(fetch);

  it("reads categories as a flat list with parent ids", async () => {
    const list = await client.categories.list().toArray();
    expect(list.map((c) => [c.id, c.parentId, c.enabledOnWeb])).toEqual([
      [3, null, true],
      [12, 3, true],
      [20, null, false],
    ]);
  });

  it("reads brands, suppliers, size types and sizes", async () => {
    expect(await client.brands.list().toArray()).toMatchObject([
      { id: 4, name: "Acme", enabled: true, enabledOnWeb: false, position: 2 },
    ]);
    expect(await client.suppliers.list().toArray()).toMatchObject([
      { id: 2, name: "Textiles SA", email: null, externalRef: "TX" },
    ]);
    expect(await client.sizes.types().toArray()).toMatchObject([{ id: 2, name: "Vêtements" }]);
    expect(await client.sizes.ofType(2).toArray()).toMatchObject([
      { id: 1, sizeTypeId: 2, name: "S", enabled: true, position: 1 },
      { id: 2, sizeTypeId: null, name: "M", enabled: false, position: null },
    ]);
  });

  it("reads tag categories with their tags", async () => {
    expect(await client.tags.products().toArray()).toMatchObject([
      {
        id: 1,
        name: "Labels",
        description: null,
        tags: [{ id: 7, name: "Bio", enabledOnWeb: false }],
      },
    ]);
  });

  it("reads taxes whether the rate is a fraction string or a percent number", async () => {
    const taxes = await client.taxes.list().toArray();
    expect(taxes.map((t) => [t.id, t.rate.toString(), t.name])).toEqual([
      [1, "20%", "TVA 20%"],
      [3, "5.5%", null],
      [4, "2.1%", null],
    ]);
    expect(taxes[0]?.rate.equals(VatRate.fromFraction("0.2"))).toBe(true);
  });

  it("reads stores, warehouses and payment types", async () => {
    expect(await client.stores.list().toArray()).toMatchObject([
      { id: 1, name: "Boutique Lyon", warehouseId: 1, currency: "EUR", timeZone: "Europe/Paris" },
    ]);
    expect(await client.stores.get(1)).toMatchObject({ id: 1, defaultPaymentMethod: "CB" });
    await expect(client.stores.get(9)).rejects.toBeInstanceOf(HiboutikNotFoundError);
    expect(await client.warehouses.list().toArray()).toMatchObject([{ id: 1, name: "Lyon" }]);
    expect((await client.paymentTypes.list(1).toArray()).map((p) => p.code)).toEqual(["CB", "ESP"]);
  });

  it("reads stock per warehouse (one unpaginated call, with barcodes), all warehouses and per product", async () => {
    requests.length = 0;
    const warehouse = await client.stock.byWarehouse(1).toArray();
    expect(warehouse[0]).toMatchObject({ productId: 112, sizeId: 1, barcode: "3701234500010" });
    expect(requests.map((r) => `${r.path}${r.query}`)).toEqual(["/stock_available/warehouse_id/1"]);
    expect(await client.stock.allWarehouses().toArray()).toHaveLength(6);
    const perProduct = await client.stock.forProduct(112).toArray();
    expect(perProduct.filter((s) => s.warehouseId === 2).map((s) => s.available)).toEqual([
      1, 3, 0,
    ]);
  });

  it("reads product images, an empty list and a 404 as no images", async () => {
    expect(await client.images.forProduct(112).toArray()).toMatchObject([
      { slot: 1, rendition: "big", fileName: "big_112-1.jpg" },
    ]);
    expect(await client.images.forProduct(113).toArray()).toEqual([]);
    expect(await client.images.forProduct(114).toArray()).toEqual([]);
  });
});

describe("webhooks", () => {
  it("lists, creates (form-encoded) and deletes", async () => {
    const { fetch, requests } = fakeHiboutik((app) => {
      app.get("/webhooks", (c) =>
        c.json([
          {
            webhook_id: 3,
            webhook_label: "comptoir",
            webhook_url: "https://example.com/hook",
            webhook_action: "sale",
            webhook_app_id_int: "42",
          },
        ]),
      );
      app.post("/webhooks", (c) => c.json({ webhook_id: 9 }));
      app.delete("/webhooks/9", (c) => c.json({}));
    });
    const { client } = testClient(fetch);
    expect(await client.webhooks.list().toArray()).toMatchObject([
      { id: 3, label: "comptoir", action: "sale", appId: 42 },
    ]);
    const created = await client.webhooks.create({
      label: "comptoir",
      url: "https://example.com/hook?k=abc",
      action: "product",
      appId: 42,
    });
    expect(created).toEqual({ id: 9 });
    const post = requests.find((r) => r.method === "POST");
    expect(post?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(post?.body))).toEqual({
      webhook_label: "comptoir",
      webhook_url: "https://example.com/hook?k=abc",
      webhook_action: "product",
      webhook_app_id_int: "42",
    });
    await client.webhooks.delete(9);
    expect(requests.at(-1)).toMatchObject({ method: "DELETE", path: "/webhooks/9" });
  });

  it("surfaces a missing right as HiboutikForbiddenError", async () => {
    const { fetch } = fakeHiboutik((app) =>
      app.post("/webhooks", (c) =>
        c.json({ error: "forbidden", code: 3, error_description: "You don't have the right" }, 403),
      ),
    );
    const error = await testClient(fetch)
      .client.webhooks.create({ label: "x", url: "https://e.com", action: "sale" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HiboutikForbiddenError);
    expect((error as HiboutikForbiddenError).message).toMatch(/Access management/);
  });
});
