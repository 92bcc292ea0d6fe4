import { describe, expect, it } from "vitest";
import { Decimal, estimateCatalogSync, parseMoney, VatRate } from "../../src/index.ts";
import { clientFor, mapObjects, rewriting, simulator } from "./support.ts";

describe("catalog endpoints against the simulator", () => {
  const sim = simulator({ products: 1_100 });

  it("streams every product page by page with the total from page 1", async () => {
    const { client } = clientFor(sim);
    sim.requests.reset();
    const pages: {
      number: number;
      total: number | null;
      totalPages: number | null;
      rows: number;
    }[] = [];
    let products = 0;
    for await (const page of client.products.list().pages()) {
      pages.push({
        number: page.number,
        total: page.total,
        totalPages: page.totalPages,
        rows: page.records.length,
      });
      expect(page.invalid).toEqual([]);
      products += page.values.length;
      // Streaming: the simulator has answered exactly the pages consumed so far.
      expect(sim.requests.count("GET /products")).toBe(page.number);
    }
    expect(products).toBe(1_100);
    expect(pages.map((p) => p.rows)).toEqual([250, 250, 250, 250, 100]);
    expect(pages.every((p) => p.total === 1_100 && p.totalPages === 5)).toBe(true);
    expect(client.meter.calls).toBe(5);
    expect(sim.requests.total).toBe(5);
  });

  it("parses list records exactly as the wire says", async () => {
    const { client } = clientFor(sim);
    for await (const record of client.products.list()) {
      if (!record.ok) throw record.error;
      const product = record.value;
      const wire = sim.catalog.listRecord(product.id) ?? {};
      expect(product.raw).toEqual(wire);
      expect(product.price.toString()).toBe(wire.product_price);
      expect(product.publishedOnWeb).toBe(wire.product_display_www === 1);
      // The list carries every size of the type; variants mirror it one for one.
      expect(product.variants).toHaveLength((wire.product_size_details as unknown[]).length);
      expect(product.stock.length).toBe((wire.stock_available as unknown[]).length);
    }
  });

  it("reads a product detail (one-element array) with its enabled sizes, images and tags", async () => {
    const { client } = clientFor(sim);
    const sized = findProduct(
      sim,
      (wire) => Number(wire.product_size_type) > 0 && Number(wire.product_id) > 0,
    );
    const detail = await client.products.get(sized);
    const wire = sim.catalog.product(sized) ?? {};
    expect(detail.raw).toEqual(wire);
    expect(detail.sizeTypeId).toBe(wire.product_size_type);
    expect(detail.variants.map((v) => v.sizeId)).toEqual(
      (wire.product_size_details as { size_id: number }[]).map((s) => s.size_id),
    );
    expect(detail.images.length).toBe((wire.images as unknown[]).length);
    for (const image of detail.images) {
      expect(image.rendition === "mini" || image.rendition === "big").toBe(true);
      expect(image.slot).toBeGreaterThanOrEqual(1);
    }
    const images = await client.images.forProduct(sized).toArray();
    expect(images.map((i) => i.fileName)).toEqual(detail.images.map((i) => i.fileName));
  });

  it("reads negative stock and zero-dates as they are", async () => {
    const { client } = clientFor(sim);
    const stock = await client.stock.allWarehouses().toArray();
    expect(stock.some((row) => row.available < 0)).toBe(true);
    const product = await client.products.get(1);
    expect(product.raw.misc_date).toBe("0000-00-00");
  });

  it("reads reference lists: categories tree, brands, suppliers, tags, taxes, sizes, stores, warehouses, payment types", async () => {
    const { client } = clientFor(sim);
    const categories = await client.categories.list().toArray();
    const ids = new Set(categories.map((c) => c.id));
    expect(categories.length).toBeGreaterThan(5);
    expect(categories.every((c) => c.parentId === null || ids.has(c.parentId))).toBe(true);
    expect(categories.some((c) => c.parentId === null)).toBe(true);

    expect((await client.brands.list().toArray()).length).toBeGreaterThan(0);
    expect((await client.suppliers.list().toArray()).length).toBeGreaterThan(0);
    const tagCategories = await client.tags.products().toArray();
    expect(tagCategories.flatMap((c) => c.tags).length).toBeGreaterThan(0);

    const taxes = await client.taxes.list().toArray();
    expect(taxes.map((t) => t.rate.toString())).toContain("20%");
    expect(taxes.find((t) => t.rate.equals(VatRate.fromPercent(5.5)))).toBeDefined();

    const types = await client.sizes.types().toArray();
    for (const type of types) {
      const sizes = await client.sizes.ofType(type.id).toArray();
      expect(sizes.length).toBeGreaterThan(0);
      expect(sizes.every((s) => s.sizeTypeId === null || s.sizeTypeId === type.id)).toBe(true);
    }

    const stores = await client.stores.list().toArray();
    expect(stores.map((s) => s.id)).toEqual(sim.account.stores.map((s) => s.store_id));
    const warehouses = await client.warehouses.list().toArray();
    expect(stores.every((s) => warehouses.some((w) => w.id === s.warehouseId))).toBe(true);
    const paymentTypes = await client.paymentTypes.list(stores[0]?.id ?? 1).toArray();
    expect(paymentTypes.map((p) => p.code)).toContain("ESP");
  });

  it("reads stock per warehouse in one call, consistent with the product details", async () => {
    const { client } = clientFor(sim);
    const warehouseId = Number(sim.account.warehouses[0]?.warehouse_id);
    sim.requests.reset();
    const rows = await client.stock.byWarehouse(warehouseId).toArray();
    expect(sim.requests.total).toBe(1);
    expect(rows.every((row) => row.warehouseId === warehouseId)).toBe(true);
    const sample = rows.find((row) => row.sizeId > 0 && row.barcode !== null);
    if (!sample) throw new Error("expected a sized stock row with a barcode");
    const detail = await client.products.get(sample.productId);
    expect(
      detail.stock.find((s) => s.sizeId === sample.sizeId && s.warehouseId === warehouseId)
        ?.available,
    ).toBe(sample.available);
    expect(detail.variants.find((v) => v.sizeId === sample.sizeId)?.barcode).toBe(sample.barcode);
    const perProduct = await client.stock.forProduct(sample.productId).toArray();
    expect(perProduct.length).toBe(detail.stock.length);
  });

  it("costs what estimateCatalogSync predicts for a full sync", async () => {
    const { client } = clientFor(sim);
    const types = await client.sizes.types().toArray();
    const warehouses = await client.warehouses.list().toArray();
    client.meter.reset();

    await drain(client.products.list());
    await drain(client.categories.list());
    await drain(client.brands.list());
    await drain(client.suppliers.list());
    await drain(client.tags.products());
    await drain(client.taxes.list());
    await drain(client.stores.list());
    await drain(client.warehouses.list());
    await drain(client.sizes.types());
    for (const type of types) await drain(client.sizes.ofType(type.id));
    for (const warehouse of warehouses) await drain(client.stock.byWarehouse(warehouse.id));

    const estimate = estimateCatalogSync({
      products: sim.catalog.productCount,
      sizeTypes: types.length,
      warehouses: warehouses.length,
    });
    expect(client.meter.byEndpoint()).toEqual(estimate.breakdown);
    expect(client.meter.calls).toBe(estimate.calls);
  });
});

describe("quirks replayed over simulator data", () => {
  const sim = simulator({ products: 300 });

  it("reads string ids, 'products_desc', bare objects and the 'items' Content-Range form", async () => {
    const { client } = clientFor(
      sim,
      {},
      rewriting(
        (body, url) => {
          const quirky = mapObjects(body, (record) => {
            const out: Record<string, unknown> = {};
            for (const [key, value] of Object.entries(record)) {
              const name = key === "product_desc" ? "products_desc" : key;
              out[name] =
                /_id$|^product_(brand|category|size_type|vat)$/.test(key) &&
                typeof value === "number"
                  ? String(value)
                  : value;
            }
            return out;
          });
          // Single GETs come back as a bare object.
          return /\/products\/\d+$/.test(url.pathname) && Array.isArray(quirky)
            ? quirky[0]
            : quirky;
        },
        (headers) => {
          const range = headers.get("content-range");
          const match = range ? /^(\d+)-(\d+)\/(\d+)$/.exec(range) : null;
          if (match)
            headers.set(
              "content-range",
              `items ${Number(match[1]) - 1}-${Number(match[2]) - 1}/${match[3]}`,
            );
        },
      ),
    );
    const pages = [];
    for await (const page of client.products.list().pages()) {
      expect(page.invalid).toEqual([]);
      pages.push(page.total);
    }
    expect(pages).toEqual([300, 300]);
    const withDescription = findProduct(sim, (wire) => wire.product_desc !== "");
    const product = await client.products.get(withDescription);
    expect(product.id).toBe(withDescription);
    expect(product.description).toBe(sim.catalog.product(withDescription)?.product_desc);
    expect(product.raw.products_desc).toBeDefined();
  });

  it("reads VAT rates written as percent numbers and money written as numbers", async () => {
    const { client } = clientFor(
      sim,
      {},
      rewriting((body) =>
        mapObjects(body, (record) => {
          if (typeof record.tax_value === "string")
            record.tax_value = Decimal.parse(record.tax_value).mul(100).toNumber();
          if (typeof record.product_price === "string")
            record.product_price = Number(record.product_price);
          return record;
        }),
      ),
    );
    const taxes = await client.taxes.list().toArray();
    expect(taxes.map((t) => t.rate.toString())).toContain("20%");
    const product = await client.products.get(1);
    expect(
      product.price.equals(parseMoney(sim.catalog.product(1)?.product_price) ?? Decimal.ZERO),
    ).toBe(true);
  });
});

function findProduct(
  sim: ReturnType<typeof simulator>,
  predicate: (wire: Record<string, unknown>) => boolean,
): number {
  for (let id = 1; id <= sim.catalog.productCount; id++) {
    const wire = sim.catalog.product(id);
    if (wire && predicate(wire)) return id;
  }
  throw new Error("no product matches");
}

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) {
    // only the calls matter here
  }
}
