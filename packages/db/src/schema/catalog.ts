import {
  boolean,
  index,
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
 * fields we do not map yet.
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
    archived: boolean().notNull(),
    /** Ordered image URLs and tags, as small JSON arrays. */
    images: jsonb().notNull(),
    tags: jsonb().notNull(),
    /** The POS's `products_updated_at` (local time as Hiboutik writes it). */
    posUpdatedAt: text(),
    raw: jsonb().notNull(),
    /** Hash of the mapped fields: a sync compares it to count (and write) only real changes. */
    contentHash: text().notNull(),
    /** Set when the product disappeared from the POS; cleared if it comes back. */
    removedAt: timestamp({ withTimezone: true }),
    /** The sync run that last saw the product in the POS (to find the ones that disappeared). */
    lastSeenRunId: uuid().notNull(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    syncedAt: syncedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.productId] }),
    index("catalog_products_seen_idx").on(t.accountId, t.lastSeenRunId),
  ],
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

/** Stock per product × size × warehouse (size 0 = product without sizes). Negative is possible. */
export const catalogStock = pgTable(
  "catalog_stock",
  {
    accountId: accountId(),
    productId: integer().notNull(),
    sizeId: integer().notNull(),
    warehouseId: integer().notNull(),
    available: integer().notNull(),
    syncedAt: syncedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.productId, t.sizeId, t.warehouseId] })],
);
