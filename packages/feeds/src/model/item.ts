import type { Money } from "@comptoir/api-client";

export type Availability = "in_stock" | "out_of_stock" | "preorder" | "backorder";
export type Condition = "new" | "refurbished" | "used";
export type Gender = "male" | "female" | "unisex";
export type AgeGroup = "newborn" | "infant" | "toddler" | "kids" | "adult";

/** Stock of the item in one warehouse, floored to whole units and never below zero. */
export interface WarehouseStock {
  readonly warehouseId: number;
  readonly quantity: number;
}

/**
 * The canonical, channel-neutral feed item: one per sellable product × size. Profiles only
 * rename, re-spell and cut these values; they never compute new ones. Text is already clean
 * (plain, NFC, valid XML characters, single spaces).
 */
export interface FeedItem {
  /** Stable across runs: `{prefix}{productId}` or `{prefix}{productId}-{sizeId}`. */
  readonly id: string;
  /** The product, for products with sizes; null for a single-variant product. */
  readonly itemGroupId: string | null;
  readonly productId: number;
  /** 0 for a product without sizes. */
  readonly sizeId: number;
  readonly title: string;
  readonly description: string;
  readonly link: string;
  readonly imageLink: string | null;
  readonly additionalImageLinks: readonly string[];
  /** VAT included, exact. */
  readonly price: Money;
  /** VAT included, strictly below `price`; null when there is no promotion. */
  readonly salePrice: Money | null;
  readonly currency: string;
  readonly availability: Availability;
  /** ISO 8601 with offset; only with preorder/backorder. */
  readonly availabilityDate: string | null;
  /** Units available in the warehouses the feed counts (0 when stock is not managed). */
  readonly quantity: number;
  readonly stockManaged: boolean;
  readonly stockByWarehouse: readonly WarehouseStock[];
  readonly brand: string | null;
  /** A verified GTIN (check digit, not internal or restricted), or null. */
  readonly gtin: string | null;
  readonly mpn: string | null;
  /** False when the product has neither a GTIN nor an MPN (and the feed allows saying so). */
  readonly identifierExists: boolean;
  readonly condition: Condition;
  readonly size: string | null;
  readonly color: string | null;
  readonly gender: Gender | null;
  readonly ageGroup: AgeGroup | null;
  /** Google taxonomy id from the feed's category mapping, inherited down the POS tree. */
  readonly googleProductCategory: number | null;
  /** POS category path, "Mode > Femme > Robes". */
  readonly productType: string | null;
  /** Exactly five entries, custom_label_0 … custom_label_4. */
  readonly customLabels: readonly (string | null)[];
  readonly updatedAt: string | null;
}

/** Attributes a profile can emit, as the canonical field names. */
export type ItemField =
  | "id"
  | "itemGroupId"
  | "title"
  | "description"
  | "link"
  | "imageLink"
  | "additionalImageLinks"
  | "price"
  | "salePrice"
  | "availability"
  | "availabilityDate"
  | "quantity"
  | "brand"
  | "gtin"
  | "mpn"
  | "identifierExists"
  | "condition"
  | "size"
  | "color"
  | "gender"
  | "ageGroup"
  | "googleProductCategory"
  | "productType"
  | "customLabel0"
  | "customLabel1"
  | "customLabel2"
  | "customLabel3"
  | "customLabel4"
  | "updatedAt";
