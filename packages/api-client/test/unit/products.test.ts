import { describe, expect, it } from "vitest";
import { HiboutikInvalidRecordError, HiboutikNotFoundError } from "../../src/index.ts";
import { fakeHiboutik, one, testClient } from "../support/fake-hiboutik.ts";
import { product112, productRow } from "../support/fixtures.ts";

function clientServing(body: unknown, path = "/products/112") {
  const { fetch } = fakeHiboutik((app) => app.get(path, (c) => c.json(body)));
  return testClient(fetch).client;
}

describe("products.get", () => {
  it("maps the documented product to the domain shape", async () => {
    const product = await clientServing(one(product112)).products.get(112);
    expect(product).toMatchObject({
      id: 112,
      name: "T-shirt Logo Bio",
      barcode: "2430000001123",
      brandId: 4,
      supplierId: 2,
      categoryId: 12,
      taxId: 1,
      sizeTypeId: 2,
      discountPrice: null,
      description: "<p>T-shirt en coton bio, coupe droite.</p>",
      externalRef: "tshirt-logo-bio",
      supplierReference: "TS-LOGO-01",
      position: 5,
      isPackage: false,
      stockManaged: true,
      displayedOnPos: true,
      publishedOnWeb: true,
      archived: false,
      updatedAt: "2025-03-10T09:12:44",
      tags: [],
      variants: [
        { sizeId: 1, name: "S", barcode: "3701234500010" },
        { sizeId: 2, name: "M", barcode: "3701234500027" },
        { sizeId: 3, name: "L", barcode: "3701234500034" },
      ],
    });
    expect(product.price.toString()).toBe("25.00");
    expect(product.supplyPrice?.toString()).toBe("8.00");
    expect(product.stock).toHaveLength(3);
    expect(product.stock[0]).toMatchObject({
      productId: 112,
      sizeId: 1,
      warehouseId: 1,
      available: 4,
      alertThreshold: 2,
    });
    expect(product.images.map((image) => [image.rendition, image.slot])).toEqual([
      ["mini", 1],
      ["big", 1],
    ]);
    expect(product.images[1]).toMatchObject({
      width: 1000,
      height: 1000,
      fileName: "big_112-1.jpg",
    });
    expect(product.raw).toEqual(product112);
  });

  it("accepts a bare object as well as the one-element array", async () => {
    const product = await clientServing(product112).products.get(112);
    expect(product.id).toBe(112);
  });

  it("tolerates string ids, string flags, products_desc, empty strings and zero-dates", async () => {
    const product = await clientServing(
      one({
        ...productRow(112),
        product_id: "112",
        product_brand: "0",
        product_category: "",
        product_size_type: "0",
        product_display_www: "1",
        product_arch: "0",
        product_barcode: "",
        products_desc: "<p>Old spelling</p>",
        product_discount_price: "19.90",
        updated_at: "0000-00-00 00:00:00",
        product_size_details: "",
        stock_available: { 0: { warehouse_id: "1", product_size: "0", stock_available: "-2" } },
        tags: [{ tag_id: "7", tag: "Bio" }, 9],
      }),
    ).products.get(112);
    expect(product).toMatchObject({
      id: 112,
      brandId: null,
      categoryId: null,
      sizeTypeId: null,
      publishedOnWeb: true,
      archived: false,
      barcode: null,
      description: "<p>Old spelling</p>",
      updatedAt: null,
      variants: [],
      tags: [
        { id: 7, name: "Bio" },
        { id: 9, name: null },
      ],
    });
    expect(product.discountPrice?.toString()).toBe("19.90");
    expect(product.stock[0]).toMatchObject({ productId: 112, sizeId: 0, available: -2 });
  });

  it("resolves bare image file names under the API", async () => {
    const product = await clientServing(
      one({ ...productRow(5), images: ["big_5-2.jpg", "https://cdn.example/x/mini_5-1.jpg"] }),
      "/products/5",
    ).products.get(5);
    expect(product.images[0]).toMatchObject({
      url: "https://myshop.hiboutik.com/api/products_images/big_5-2.jpg",
      fileName: "big_5-2.jpg",
      rendition: "big",
      slot: 2,
    });
    expect(product.images[1]).toMatchObject({ fileName: "mini_5-1.jpg", rendition: "mini" });
  });

  it("throws a typed error naming the record, field and value", async () => {
    const client = clientServing(one({ ...productRow(112), product_price: "12,50" }));
    const error = await client.products.get(112).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HiboutikInvalidRecordError);
    const invalid = error as HiboutikInvalidRecordError;
    expect(invalid.recordId).toBe(112);
    expect(invalid.resource).toBe("product");
    expect(invalid.issues).toEqual([
      { field: "product_price", value: "12,50", message: 'expected a decimal amount like "25.00"' },
    ]);
    expect(invalid.message).toContain("product 112");
    expect(invalid.message).toContain('product_price = "12,50"');
    expect(invalid.endpoint).toBe("GET /products/112");
  });

  it("names nested fields with their path", async () => {
    const client = clientServing(
      one({
        ...productRow(112),
        product_size_details: [{ size_id: 1, size_name: "S" }, { size_id: "x" }],
      }),
    );
    const error = (await client.products
      .get(112)
      .catch((e: unknown) => e)) as HiboutikInvalidRecordError;
    expect(error.issues[0]).toMatchObject({ field: "product_size_details.1.size_id", value: "x" });
  });

  it("reports an empty array as not found", async () => {
    await expect(clientServing([]).products.get(112)).rejects.toBeInstanceOf(HiboutikNotFoundError);
  });

  it("refuses ids that would break the path", () => {
    const client = clientServing([]);
    expect(() => client.products.get(Number.NaN)).toThrow(RangeError);
    expect(() => client.products.get(-1)).toThrow(RangeError);
  });
});

describe("products.list", () => {
  it("yields invalid records with their reason and keeps going", async () => {
    const { fetch } = fakeHiboutik((app) =>
      app.get("/products/", (c) =>
        c.json([productRow(1), productRow(2, { product_price: "abc" }), productRow(3)]),
      ),
    );
    const results = [];
    for await (const result of testClient(fetch).client.products.list()) results.push(result);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const failed = results[1];
    if (failed?.ok !== false) throw new Error("expected an invalid record");
    expect(failed.error.recordId).toBe(2);
    expect(failed.error.issues[0]?.field).toBe("product_price");
    expect(failed.error.raw).toMatchObject({ product_id: 2 });
  });

  it("has a strict form that throws on the first invalid record", async () => {
    const { fetch } = fakeHiboutik((app) =>
      app.get("/products/", (c) => c.json([productRow(1), { product_id: 2 }])),
    );
    const seen: number[] = [];
    const run = async () => {
      for await (const product of testClient(fetch).client.products.list().values())
        seen.push(product.id);
    };
    await expect(run()).rejects.toBeInstanceOf(HiboutikInvalidRecordError);
    expect(seen).toEqual([1]);
  });

  it("rejects a row that is not an object", async () => {
    const { fetch } = fakeHiboutik((app) => app.get("/products/", (c) => c.json(["oops"])));
    const { invalid } = await testClient(fetch).client.products.list().collect();
    expect(invalid[0]?.issues[0]).toMatchObject({ field: "(record)", value: "oops" });
  });
});
