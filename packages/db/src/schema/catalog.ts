import {
  boolean,
  doublePrecision,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts.ts";

/**
 * The mirror of each account's POS catalog. Rows are keyed by (account, Hiboutik id), so a sync
 * is an upsert and ids stay the POS's own. Money and rates are `numeric` (exact; strings in
 * TypeScript). Every table keeps the record as Hiboutik sent it (`raw`) for debugging and for
 * fields we do not map yet. A sync rewrites a row only when its content changed, so `syncedAt`
 * is when the mirror last saw a change, not when it last looked.
 */
const accountId = () =>
  uuid()
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" });

/** When the mirror last wrote the row (not the POS's own update time). */
const syncedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const catalogCategories = pgTable(
  "catalog_categories",
  {
    accountId: accountId(),
    categoryId: integer().notNull(),
    /** Null for a root category (Hiboutik writes 0). */
    parentId: integer(),
    name: text().notNull(),
    position: integer(),
    enabled: boolean().notNull(),
    enabledOnWeb: boolean().notNull(),
    raw: jsonb().notNull(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.categoryId] })],
);

export const catalogBrands = pgTable(
  "catalog_brands",
  {
    accountId: accountId(),
    brandId: integer().notNull(),
    name: text().notNull(),
    position: integer(),
    enabled: boolean().notNull(),
    enabledOnWeb: boolean().notNull(),
    raw: jsonb().notNull(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.brandId] })],
);

export const catalogSuppliers = pgTable(
  "catalog_suppliers",
  {
    accountId: accountId(),
    supplierId: integer().notNull(),
    name: text().notNull(),
    raw: jsonb().notNull(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.supplierId] })],
);

export const catalogTaxes = pgTable(
  "catalog_taxes",
  {
    accountId: accountId(),
    taxId: integer().notNull(),
    name: text(),
    /** As a fraction: 0.2 for 20 %. */
    rate: numeric().notNull(),
    enabled: boolean().notNull(),
    raw: jsonb().notNull(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.taxId] })],
);

export const catalogStores = pgTable(
  "catalog_stores",
  {
    accountId: accountId(),
    storeId: integer().notNull(),
    name: text().notNull(),
    warehouseId: integer(),
    currency: text(),
    timeZone: text(),
    raw: jsonb().notNull(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.storeId] })],
);

export const catalogWarehouses = pgTable(
  "catalog_warehouses",
  {
    accountId: accountId(),
    warehouseId: integer().notNull(),
    name: text().notNull(),
    raw: jsonb().notNull(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.warehouseId] })],
);

export const catalogSizes = pgTable(
  "catalog_sizes",
  {
    accountId: accountId(),
    sizeId: integer().notNull(),
    sizeTypeId: integer(),
    sizeTypeName: text(),
    name: text().notNull(),
    position: integer(),
    enabled: boolean().notNull(),
    raw: jsonb().notNull(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.sizeId] })],
);

/** Product tags, one row per tag with its group (`GET /tags/products`). */
export const catalogTags = pgTable(
  "catalog_tags",
  {
    accountId: accountId(),
    tagId: integer().notNull(),
    name: text().notNull(),
    groupId: integer().notNull(),
    groupName: text().notNull(),
    enabled: boolean().notNull(),
    enabledOnWeb: boolean().notNull(),
    raw: jsonb().notNull(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.tagId] })],
);

export const catalogProducts = pgTable(
  "catalog_products",
  {
    accountId: accountId(),
    productId: integer().notNull(),
    name: text().notNull(),
    shortName: text(),
    description: text(),
    barcode: text(),
    /** Shelf price, VAT included. */
    price: numeric().notNull(),
    discountPrice: numeric(),
    supplyPrice: numeric(),
    taxId: integer(),
    vatRate: numeric(),
    brandId: integer(),
    supplierId: integer(),
    categoryId: integer(),
    sizeTypeId: integer(),
    externalRef: text(),
    supplierReference: text(),
    position: integer(),
    isPackage: boolean().notNull(),
    stockManaged: boolean().notNull(),
    displayedOnPos: boolean().notNull(),
    publishedOnWeb: boolean().notNull(),
    /** The POS's own archive flag (`product_arch`); the product stays in the mirror. */
    archived: boolean().notNull(),
    /**
     * Images as `{url, fileName, rendition, slot, width, height}`. Null until a product detail
     * (`GET /products/{id}`) has been read: the list endpoint does not send images.
     */
    images: jsonb(),
    /** `[{id, name}]`. */
    tags: jsonb().notNull(),
    /** The POS's `updated_at` (local time as Hiboutik writes it). */
    posUpdatedAt: text(),
    /** The record as Hiboutik sent it, without the embedded stock (kept in catalog_stock). */
    raw: jsonb().notNull(),
    /** Hash of the record (stock left out): a sync compares it to count and write only changes. */
    contentHash: text().notNull(),
    /** Hash of the product's stock cells, so unchanged stock is not rewritten. */
    stockHash: text().notNull(),
    /** Set when the product disappeared from the POS; cleared if it comes back. */
    removedAt: timestamp({ withTimezone: true }),
    /** When the product's detail was last read (authoritative sizes, images). */
    detailReadAt: timestamp({ withTimezone: true }),
    /**
     * The POS `updated_at` the last detail read saw: when the list later shows another one, the
     * product changed on the POS and its detail is due again (the catalog's detail pass).
     */
    detailPosUpdatedAt: text(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.productId] })],
);

/** A product's sizes (a product without sizes has none; its stock uses size id 0). */
export const catalogVariants = pgTable(
  "catalog_variants",
  {
    accountId: accountId(),
    productId: integer().notNull(),
    sizeId: integer().notNull(),
    name: text().notNull(),
    barcode: text(),
    position: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.productId, t.sizeId] })],
);

/**
 * Stock per product × size × warehouse (size 0 = product without sizes). Negative is possible,
 * and so are fractions (goods sold by weight).
 */
export const catalogStock = pgTable(
  "catalog_stock",
  {
    accountId: accountId(),
    productId: integer().notNull(),
    sizeId: integer().notNull(),
    warehouseId: integer().notNull(),
    available: doublePrecision().notNull(),
    /** Reorder threshold (`inventory_alert`). */
    alertThreshold: integer(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.productId, t.sizeId, t.warehouseId] })],
);
