import type { HiboutikClient, Product } from "@comptoir/api-client";
import type { FeedReference, FeedSource, SourceProduct } from "./types.ts";

export interface HiboutikSourceOptions {
  /** Product details requested at once (the client still caps calls in flight). Default 10. */
  readonly detailConcurrency?: number;
  /** Google Business Profile store codes by Hiboutik store id (the POS does not know them). */
  readonly storeCodes?: Readonly<Record<number, string>>;
}

/**
 * A FeedSource read straight from Hiboutik through the API client: for benchmarks, the demo
 * and the simulator. Production feeds read the catalog mirror instead, which spends no API
 * calls. It lists product ids (250 a page), then reads each product's detail (enabled sizes,
 * stock, images), so it spends 1 + n/250 + n calls for n products.
 */
export function feedSourceFromHiboutik(
  client: HiboutikClient,
  options: HiboutikSourceOptions = {},
): FeedSource {
  const concurrency = options.detailConcurrency ?? 10;
  return {
    async reference(): Promise<FeedReference> {
      const [categories, brands, stores, warehouses, taxes, tagCategories] = await Promise.all([
        client.categories.list().toArray(),
        client.brands.list().toArray(),
        client.stores.list().toArray(),
        client.warehouses.list().toArray(),
        client.taxes.list().toArray(),
        client.tags.products().toArray(),
      ]);
      return {
        categories: categories.map((c) => ({
          id: c.id,
          name: c.name,
          parentId: c.parentId,
          enabled: c.enabled,
          enabledOnWeb: c.enabledOnWeb,
        })),
        brands: brands.map((b) => ({ id: b.id, name: b.name, enabledOnWeb: b.enabledOnWeb })),
        stores: stores.map((s) => ({
          id: s.id,
          name: s.name,
          warehouseId: s.warehouseId,
          code: options.storeCodes?.[s.id] ?? null,
          address: null,
        })),
        warehouses: warehouses.map((w) => ({ id: w.id, name: w.name })),
        taxes: taxes.map((t) => ({ id: t.id, rate: t.rate, name: t.name })),
        tagCategories: tagCategories.map((group) => ({
          id: group.id,
          name: group.name,
          tags: group.tags.map((tag) => ({ id: tag.id, name: tag.name })),
        })),
      };
    },
    async *products(productOptions = {}) {
      // Ids first (small), sorted, so that products come in the contract's ascending order.
      const ids: number[] = [];
      for await (const record of client.products.list({ signal: productOptions.signal })) {
        if (record.ok) ids.push(record.value.id);
      }
      ids.sort((a, b) => a - b);
      for (let start = 0; start < ids.length; start += concurrency) {
        const window = ids.slice(start, start + concurrency);
        const details = await Promise.all(
          window.map((id) => client.products.get(id, { signal: productOptions.signal })),
        );
        for (const product of details) yield toSourceProduct(product);
      }
    },
  };
}

/** The api-client's Product maps 1:1 onto SourceProduct (the mirror does the same). */
export function toSourceProduct(product: Product): SourceProduct {
  const images = [...product.images]
    .filter((image) => image.rendition !== "mini" && image.url !== null)
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0))
    .map((image) => image.url as string);
  return {
    id: product.id,
    name: product.name,
    shortName: product.shortName,
    description: product.description,
    barcode: product.barcode,
    price: product.price,
    discountPrice: product.discountPrice,
    supplyPrice: product.supplyPrice,
    taxId: product.taxId,
    vatRate: product.vatRate,
    brandId: product.brandId,
    brandName: product.brandName,
    categoryId: product.categoryId,
    sizeTypeId: product.sizeTypeId,
    variants: product.variants.map((v) => ({ sizeId: v.sizeId, name: v.name, barcode: v.barcode })),
    stock: product.stock.map((s) => ({
      sizeId: s.sizeId,
      warehouseId: s.warehouseId,
      available: s.available,
    })),
    images,
    tags: product.tags.map((t) => ({ id: t.id, name: t.name })),
    externalRef: product.externalRef,
    supplierReference: product.supplierReference,
    stockManaged: product.stockManaged,
    publishedOnWeb: product.publishedOnWeb,
    archived: product.archived,
    updatedAt: product.updatedAt,
  };
}
