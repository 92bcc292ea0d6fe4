import { describe, expect, it } from "vitest";
import { findProduct, get, getJson, list, type Row, simulator } from "./helpers.ts";

function isGtin13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  const sum = [...code.slice(0, 12)].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === Number(code[12]);
}

async function allProducts(
  products = 1000,
): Promise<{ sim: ReturnType<typeof simulator>; rows: Row[] }> {
  const sim = simulator({ products });
  const rows: Row[] = [];
  for (let page = 1; page <= Math.ceil(products / 250); page++)
    rows.push(...(await getJson<Row[]>(sim, `/products/?p=${page}`)));
  return { sim, rows };
}

describe("catalog data", () => {
  it("has a three-level category tree, brands, suppliers and size types", async () => {
    const sim = simulator();
    const categories = await getJson<Row[]>(sim, "/categories");
    const byId = new Map(categories.map((c) => [c.category_id, c]));
    const depth = (c: Row): number =>
      c.category_id_parent === 0 ? 1 : 1 + depth(byId.get(c.category_id_parent) ?? {});
    expect(Math.max(...categories.map(depth))).toBe(3);
    expect(categories.some((c) => c.category_enabled_www === 0)).toBe(true);
    const sorted = await getJson<Row[]>(sim, "/categories?order_by=category_name&sort=DESC");
    expect(sorted[0]?.category_name).toBe("Whiskies");

    expect((await getJson<Row[]>(sim, "/brands/")).length).toBeGreaterThan(10);
    expect((await getJson<Row[]>(sim, "/suppliers/"))[0]).toMatchObject({
      supplier_id: 1,
      supplier_email: expect.stringContaining("@"),
    });
    const types = await getJson<Row[]>(sim, "/size_types/");
    expect(types.map((t) => t.size_type_name)).toEqual(
      expect.arrayContaining(["Tailles adulte", "Pointures"]),
    );
    const shoes = await getJson<Row[]>(sim, "/sizes/2");
    expect(shoes.map((s) => s.size_name)).toContain("42");
    expect(shoes[0]).toMatchObject({ size_type_id: 2, size_enabled: 1 });
  });

  it("mixes GTIN-13, internal 243 codes and empty barcodes, with per-size codes", async () => {
    const { rows } = await allProducts();
    const codes = rows.map((r) => String(r.product_barcode));
    expect(codes.filter((c) => c.startsWith("243") && isGtin13(c)).length).toBeGreaterThan(100);
    expect(codes.filter((c) => /^3[0-7]/.test(c) && isGtin13(c)).length).toBeGreaterThan(100);
    expect(codes.filter((c) => c === "").length).toBeGreaterThan(50);
    const sizeCodes = rows.flatMap((r) =>
      (r.product_size_details as Row[]).map((s) => String(s.barcode)),
    );
    expect(sizeCodes.filter((c) => isGtin13(c)).length).toBeGreaterThan(200);
    expect(new Set(sizeCodes.filter((c) => c !== "")).size).toBe(
      sizeCodes.filter((c) => c !== "").length,
    );
  });

  it("shows every size of the type in the list and only the enabled ones in the detail", async () => {
    const { sim, rows } = await allProducts();
    const partial = rows.find(
      (r) =>
        (r.product_size_details as Row[]).length >
        ((sim.catalog.product(Number(r.product_id))?.product_size_details as Row[] | undefined)
          ?.length ?? 0),
    );
    const listSizes = partial?.product_size_details as Row[];
    const types = await getJson<Row[]>(sim, `/sizes/${String(partial?.product_size_type)}`);
    expect(listSizes.map((s) => s.size_id)).toEqual(types.map((s) => s.size_id));
    const detail = (
      await getJson<Row[]>(sim, `/products/${String(partial?.product_id)}`)
    )[0] as Row;
    const detailSizes = detail.product_size_details as Row[];
    expect(detailSizes.length).toBeLessThan(listSizes.length);
    expect(detailSizes.length).toBeGreaterThanOrEqual(2);
    // Sizes outside the product have no barcode in the list.
    const enabled = new Set(detailSizes.map((s) => s.size_id));
    expect(listSizes.filter((s) => !enabled.has(s.size_id)).every((s) => s.barcode === "")).toBe(
      true,
    );
  });

  it("has archived, hidden, discounted and HTML-described products and several VAT rates", async () => {
    const { rows } = await allProducts();
    expect(rows.filter((r) => r.product_arch === 1).length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.product_display_www === 0).length).toBeGreaterThan(30);
    expect(rows.filter((r) => r.product_discount_price !== "0.00").length).toBeGreaterThan(30);
    expect(rows.filter((r) => String(r.product_desc).startsWith("<p>")).length).toBeGreaterThan(
      300,
    );
    expect(new Set(rows.map((r) => r.product_vat))).toEqual(new Set([1, 2, 3, 4]));
    const stock = rows.flatMap((r) => r.stock_available as Row[]);
    expect(stock.some((s) => Number(s.stock_available) < 0)).toBe(true);
    expect(stock.some((s) => s.stock_available === 0)).toBe(true);
    expect(new Set(stock.map((s) => s.warehouse_id))).toEqual(new Set([1, 2, 3]));
  });

  it("lists taxes as fraction strings, stores, warehouses, payment types and tags", async () => {
    const sim = simulator();
    const taxes = await getJson<Row[]>(sim, "/taxes");
    expect(taxes.map((t) => t.tax_value)).toEqual([
      "0.20000",
      "0.10000",
      "0.05500",
      "0.02100",
      "0.00000",
    ]);
    const stores = await getJson<Row[]>(sim, "/stores");
    expect(stores[0]).toMatchObject({
      store_id: 1,
      store_warehouse_id: 1,
      store_default_currency: "EUR",
    });
    expect(stores[0]).not.toHaveProperty("store_address");
    expect((await getJson<Row[]>(sim, "/warehouses")).length).toBe(3);
    expect((await getJson<Row[]>(sim, "/payment_types/1/")).map((p) => p.payment_type)).toEqual([
      "ESP",
      "CB",
      "CHE",
      "TR",
    ]);
    const tags = await getJson<Row[]>(sim, "/tags/products");
    expect(list(tags[0]?.tag_details)[0]).toMatchObject({ tag_id: 1, tag_enabled_www: 1 });
    expect(sim.account.stores[0]?.store_address).toMatchObject({
      company_number: expect.stringMatching(/^\d{14}$/),
      tax_number: expect.stringMatching(/^FR\d{11}$/),
    });
  });

  it("finds products by barcode, including size-level codes", async () => {
    const { sim, rows } = await allProducts();
    const sized = rows.find((r) =>
      list(r.product_size_details).some((s) => isGtin13(String(s.barcode))),
    );
    const size = list(sized?.product_size_details).find((s) => isGtin13(String(s.barcode)));
    const hits = await getJson<Row[]>(sim, `/products/search/barcode/${String(size?.barcode)}/`);
    expect(hits).toEqual([
      expect.objectContaining({ product_id: sized?.product_id, product_size: size?.size_id }),
    ]);
    const internal = rows.find((r) => String(r.product_barcode).startsWith("243"));
    const byInternal = await getJson<Row[]>(
      sim,
      `/products/search/barcode/${String(internal?.product_barcode)}`,
    );
    expect(byInternal[0]).toMatchObject({ product_id: internal?.product_id, product_size: 0 });
    expect(await getJson(sim, "/products/search/barcode/3000000000000")).toEqual([]);
  });

  it("searches by field, name and category", async () => {
    const sim = simulator({ products: 600 });
    const hidden = await getJson<Row[]>(sim, "/products/search/?product_display_www=0");
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((p) => p.product_display_www === 0)).toBe(true);
    const byCategory = await getJson<Row[]>(
      sim,
      `/products/search/category/${String(hidden[0]?.product_category)}`,
    );
    expect(byCategory.every((p) => p.product_category === hidden[0]?.product_category)).toBe(true);
    const byName = await getJson<Row[]>(
      sim,
      `/products/search/name/${encodeURIComponent(String(hidden[0]?.product_model))}`,
    );
    expect(byName.some((p) => p.product_id === hidden[0]?.product_id)).toBe(true);
    expect((await get(sim, "/products/search/name/zzzzzz")).status).toBe(404);
  });

  it("serves product images as JPEG files and lists them", async () => {
    const sim = simulator({ products: 300 });
    const id = Number(findProduct(sim, "with images", (p) => list(p.images).length > 0).product_id);
    const images = await getJson<Row[]>(sim, `/products_images/${id}`);
    expect(images[1]).toMatchObject({
      url: `https://demo-shop.hiboutik.com/api/products_images/big_${id}-1.jpg`,
      width: "1000",
    });
    const jpeg = await get(sim, `/products_images/big_${id}-1.jpg`);
    expect(jpeg.headers.get("content-type")).toBe("image/jpeg");
    const bytes = new Uint8Array(await jpeg.arrayBuffer());
    expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect((await get(sim, `/products_images/big_${id}-9.jpg`)).status).toBe(404);
  });
});

describe("stock endpoints", () => {
  it("serves stock per product, per variant, per warehouse (with barcodes) and for all warehouses", async () => {
    const sim = simulator({ products: 300 });
    const product = sim.catalog.product(10) as Row;
    const rows = await getJson<Row[]>(sim, "/stock_available/product_id/10");
    expect(rows).toHaveLength((product.stock_available as Row[]).length);
    expect(rows[0]).toEqual({
      product_id: 10,
      product_size: expect.any(Number),
      warehouse_id: expect.any(Number),
      stock_available: expect.any(Number),
      inventory_alert: expect.any(Number),
    });
    const warehouse = await get(sim, "/stock_available/warehouse_id/2");
    expect(warehouse.headers.get("content-range")).toBeNull();
    const warehouseRows = (await warehouse.json()) as Row[];
    expect(warehouseRows.every((r) => r.warehouse_id === 2)).toBe(true);
    expect(warehouseRows[0]).toHaveProperty("product_barcode");
    expect(warehouseRows[0]).toHaveProperty("product_supplier_reference");
    const all = await getJson<Row[]>(sim, "/stock_available/all_wh/");
    expect(all.length).toBe(warehouseRows.length * 3);
    expect((await get(sim, "/stock_available/warehouse_id/9")).status).toBe(404);
  });
});

describe("customers", () => {
  it("lists customers and details them with addresses and sales", async () => {
    const sim = simulator({ products: 2000 });
    const customers = await getJson<Row[]>(sim, "/customers/");
    expect(customers).toHaveLength(250);
    expect(customers[0]).not.toHaveProperty("addresses");
    expect(customers[0]).toHaveProperty("intial_loyalty_points", 0);
    const business = customers.find((c) => String(c.vat).startsWith("FR"));
    const detail = (
      await getJson<Row[]>(sim, `/customer/${String(business?.customers_id)}`)
    )[0] as Row;
    expect(detail.company).not.toBe("");
    expect((detail.addresses as Row[])[0]).toMatchObject({
      address_id: expect.any(Number),
      zip_code: expect.any(String),
      city: expect.any(String),
    });
    const buyer = Array.from({ length: 400 }, (_, i) => sim.catalog.customer(i + 1)).find(
      (c) => list(c?.sales).length > 0,
    );
    const sales = await getJson<Row[]>(sim, `/customer/${String(buyer?.customers_id)}/sales/`);
    expect(sales.length).toBe(list(buyer?.sales).length);
    const address = list(buyer?.addresses)[0];
    expect(await getJson(sim, `/customers_addresses/${String(address?.address_id)}`)).toEqual([
      address,
    ]);
    const found = await getJson<Row[]>(
      sim,
      `/customers/search/?email=${encodeURIComponent(String(buyer?.email))}`,
    );
    expect(found.map((c) => c.customers_id)).toContain(buyer?.customers_id);
  });
});
