import { Decimal, VatRate } from "@comptoir/api-client";
import { type DatabaseOrTransaction, queryRows } from "@comptoir/db";
import type {
  FeedReference,
  FeedSource,
  SourceProduct,
  SourceStockLevel,
  SourceTag,
  SourceVariant,
} from "@comptoir/feeds";
import { sql } from "drizzle-orm";
import type { MirrorImage } from "./map-product.ts";

/** Products read per query: with their sizes and stock, a few hundred kB at a time. */
export const FEED_SOURCE_BATCH = 500;

interface ProductRow {
  product_id: number;
  name: string;
  short_name: string | null;
  description: string | null;
  barcode: string | null;
  price: string;
  discount_price: string | null;
  supply_price: string | null;
  tax_id: number | null;
  vat_rate: string | null;
  brand_id: number | null;
  brand_name: string | null;
  category_id: number | null;
  size_type_id: number | null;
  images: MirrorImage[] | null;
  tags: SourceTag[];
  external_ref: string | null;
  supplier_reference: string | null;
  stock_managed: boolean;
  published_on_web: boolean;
  archived: boolean;
  pos_updated_at: string | null;
}

/**
 * The catalog mirror as the feeds engine reads it: reference data in one go, then every product
 * still on the POS (archived and hidden ones included; those that disappeared are left out) in
 * ascending id order, by keyset pagination in batches of ~500 with their sizes and stock, so
 * memory stays flat whatever the catalog size. No API call is spent.
 */
export function mirrorFeedSource(
  db: DatabaseOrTransaction,
  accountId: string,
  options: { readonly batchSize?: number } = {},
): FeedSource {
  const batchSize = options.batchSize ?? FEED_SOURCE_BATCH;
  const account = sql`${accountId}::uuid`;
  return {
    reference: () => readReference(db, accountId),
    async *products(productOptions = {}) {
      let after = 0;
      for (;;) {
        productOptions.signal?.throwIfAborted();
        const rows = await queryRows<ProductRow>(
          db,
          sql`select p.product_id, p.name, p.short_name, p.description, p.barcode,
                p.price::text as price, p.discount_price::text as discount_price,
                p.supply_price::text as supply_price, p.tax_id, p.vat_rate::text as vat_rate,
                p.brand_id, p.raw->>'product_brand_name' as brand_name, p.category_id,
                p.size_type_id, p.images, p.tags, p.external_ref, p.supplier_reference,
                p.stock_managed, p.published_on_web, p.archived, p.pos_updated_at
              from catalog_products p
              where p.account_id = ${account} and p.removed_at is null
                and p.product_id > ${after}
              order by p.product_id
              limit ${batchSize}`,
        );
        const first = rows[0];
        const last = rows[rows.length - 1];
        if (!first || !last) return;
        const range = sql`account_id = ${account}
          and product_id between ${first.product_id} and ${last.product_id}`;
        const variants = groupBy(
          await queryRows<SourceVariant & { product_id: number }>(
            db,
            sql`select product_id, size_id as "sizeId", name, barcode from catalog_variants
                where ${range} order by product_id, position`,
          ),
        );
        const stock = groupBy(
          await queryRows<SourceStockLevel & { product_id: number }>(
            db,
            sql`select product_id, size_id as "sizeId", warehouse_id as "warehouseId", available
                from catalog_stock where ${range} order by product_id, size_id, warehouse_id`,
          ),
        );
        for (const row of rows) {
          yield toSourceProduct(
            row,
            variants.get(row.product_id) ?? [],
            stock.get(row.product_id) ?? [],
          );
        }
        if (rows.length < batchSize) return;
        after = last.product_id;
      }
    },
  };
}

function toSourceProduct(
  row: ProductRow,
  variants: readonly SourceVariant[],
  stock: readonly SourceStockLevel[],
): SourceProduct {
  return {
    id: row.product_id,
    name: row.name,
    shortName: row.short_name,
    description: row.description,
    barcode: row.barcode,
    price: Decimal.parse(row.price),
    discountPrice: row.discount_price === null ? null : Decimal.parse(row.discount_price),
    supplyPrice: row.supply_price === null ? null : Decimal.parse(row.supply_price),
    taxId: row.tax_id,
    vatRate: row.vat_rate === null ? null : VatRate.fromFraction(row.vat_rate),
    brandId: row.brand_id,
    brandName: row.brand_name,
    categoryId: row.category_id,
    sizeTypeId: row.size_type_id,
    variants,
    stock,
    images: imageUrls(row.images ?? []),
    tags: row.tags,
    externalRef: row.external_ref,
    supplierReference: row.supplier_reference,
    stockManaged: row.stock_managed,
    publishedOnWeb: row.published_on_web,
    archived: row.archived,
    updatedAt: row.pos_updated_at,
  };
}

/** Large renditions only, main image first (the order feeds expect). */
function imageUrls(images: readonly MirrorImage[]): string[] {
  return images
    .filter((image) => image.rendition !== "mini" && image.url !== null)
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0))
    .map((image) => image.url as string);
}

function groupBy<T extends { product_id: number }>(
  rows: readonly T[],
): Map<number, Omit<T, "product_id">[]> {
  const groups = new Map<number, Omit<T, "product_id">[]>();
  for (const { product_id, ...rest } of rows) {
    const group = groups.get(product_id) ?? [];
    group.push(rest);
    groups.set(product_id, group);
  }
  return groups;
}

async function readReference(db: DatabaseOrTransaction, accountId: string): Promise<FeedReference> {
  const account = sql`${accountId}::uuid`;
  const [categories, brands, stores, warehouses, taxes, tags] = [
    await queryRows<{
      id: number;
      name: string;
      parentId: number | null;
      enabled: boolean;
      enabledOnWeb: boolean;
    }>(
      db,
      sql`select category_id as id, name, parent_id as "parentId", enabled,
            enabled_on_web as "enabledOnWeb"
          from catalog_categories where account_id = ${account} order by category_id`,
    ),
    await queryRows<{ id: number; name: string; enabledOnWeb: boolean }>(
      db,
      sql`select brand_id as id, name, enabled_on_web as "enabledOnWeb"
          from catalog_brands where account_id = ${account} order by brand_id`,
    ),
    await queryRows<{ id: number; name: string; warehouseId: number | null }>(
      db,
      sql`select store_id as id, name, warehouse_id as "warehouseId"
          from catalog_stores where account_id = ${account} order by store_id`,
    ),
    await queryRows<{ id: number; name: string }>(
      db,
      sql`select warehouse_id as id, name from catalog_warehouses
          where account_id = ${account} order by warehouse_id`,
    ),
    await queryRows<{ id: number; rate: string; name: string | null }>(
      db,
      sql`select tax_id as id, rate::text as rate, name from catalog_taxes
          where account_id = ${account} order by tax_id`,
    ),
    await queryRows<{ tag_id: number; name: string; group_id: number; group_name: string }>(
      db,
      sql`select tag_id, name, group_id, group_name from catalog_tags
          where account_id = ${account} order by group_id, tag_id`,
    ),
  ];
  const tagCategories = new Map<number, { id: number; name: string; tags: SourceTag[] }>();
  for (const tag of tags) {
    const group = tagCategories.get(tag.group_id) ?? {
      id: tag.group_id,
      name: tag.group_name,
      tags: [],
    };
    group.tags.push({ id: tag.tag_id, name: tag.name });
    tagCategories.set(tag.group_id, group);
  }
  return {
    categories,
    brands,
    // The POS does not know Google store codes nor (through /stores) addresses.
    stores: stores.map((store) => ({ ...store, code: null, address: null })),
    warehouses,
    taxes: taxes.map((tax) => ({
      id: tax.id,
      rate: VatRate.fromFraction(tax.rate),
      name: tax.name,
    })),
    tagCategories: [...tagCategories.values()],
  };
}
