import type { LocalDateTime, Money, VatRate } from "@comptoir/api-client";

/**
 * What the feed engine reads. The catalog mirror implements it; field names follow
 * `@comptoir/api-client`'s `Product`, `Variant`, `StockLevel`, `Category`, `Brand`, `Store`,
 * `Warehouse` and `Tax` so that the mirror maps its rows 1:1.
 */
export interface FeedSource {
  /** Account-level reference data, read once per run (tens to thousands of rows). */
  reference(): Promise<FeedReference>;
  /**
   * Every product of the account, archived and hidden ones included (filters are the feed's
   * job), in ascending `id` order, each id once. Read lazily: the engine holds one product at
   * a time, so a cursor or keyset pagination over the mirror keeps memory flat.
   */
  products(options?: { readonly signal?: AbortSignal }): AsyncIterable<SourceProduct>;
}

export interface FeedReference {
  readonly categories: readonly SourceCategory[];
  readonly brands: readonly SourceBrand[];
  readonly stores: readonly SourceStore[];
  readonly warehouses: readonly SourceWarehouse[];
  readonly taxes: readonly SourceTax[];
  /** Product tag groups (optional; used for colour/gender/condition mappings by tag). */
  readonly tagCategories?: readonly SourceTagCategory[];
}

/** Flat list; the tree comes from `parentId` (null = root). */
export interface SourceCategory {
  readonly id: number;
  readonly name: string;
  readonly parentId: number | null;
  readonly enabled: boolean;
  /** `category_enabled_www`: a category hidden from the web hides its products by default. */
  readonly enabledOnWeb: boolean;
}

export interface SourceBrand {
  readonly id: number;
  readonly name: string;
  readonly enabledOnWeb: boolean;
}

export interface SourceStoreAddress {
  readonly address: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  /** ISO 3166-1 alpha-2 when known. */
  readonly country: string | null;
}

export interface SourceStore {
  readonly id: number;
  readonly name: string;
  /** The warehouse whose stock the store sells. */
  readonly warehouseId: number | null;
  /** Google Business Profile store code, when the mirror knows it (feed settings can set it). */
  readonly code: string | null;
  readonly address: SourceStoreAddress | null;
}

export interface SourceWarehouse {
  readonly id: number;
  readonly name: string;
}

export interface SourceTax {
  readonly id: number;
  readonly rate: VatRate;
  readonly name: string | null;
}

export interface SourceTagCategory {
  readonly id: number;
  readonly name: string;
  readonly tags: readonly SourceTag[];
}

export interface SourceTag {
  readonly id: number;
  readonly name: string | null;
}

/** A size of a product (Hiboutik variants have no price of their own). */
export interface SourceVariant {
  readonly sizeId: number;
  readonly name: string;
  readonly barcode: string | null;
}

/** Stock of one variant in one warehouse; `sizeId` 0 = the product has no sizes. */
export interface SourceStockLevel {
  readonly sizeId: number;
  readonly warehouseId: number;
  /** May be negative (sold before received) or fractional (sold by weight). */
  readonly available: number;
}

export interface SourceProduct {
  readonly id: number;
  readonly name: string;
  readonly shortName: string | null;
  /** As typed in the POS: may hold HTML, entities, control characters. */
  readonly description: string | null;
  /** Product-level barcode (used for products without sizes). */
  readonly barcode: string | null;
  /** Shelf price, VAT included, exact. */
  readonly price: Money;
  /** Promotional price, VAT included; null when none. */
  readonly discountPrice: Money | null;
  /** Purchase price excluding VAT (for margin labels); null when unknown. */
  readonly supplyPrice: Money | null;
  readonly taxId: number | null;
  readonly vatRate: VatRate | null;
  readonly brandId: number | null;
  readonly brandName: string | null;
  readonly categoryId: number | null;
  readonly sizeTypeId: number | null;
  /** Enabled sizes only, in display order; empty for a product without sizes. */
  readonly variants: readonly SourceVariant[];
  readonly stock: readonly SourceStockLevel[];
  /** Absolute image URLs, main image first. */
  readonly images: readonly string[];
  readonly tags: readonly SourceTag[];
  /** `products_ref_ext`: the web shop's reference, when the merchant keeps one. */
  readonly externalRef: string | null;
  readonly supplierReference: string | null;
  readonly stockManaged: boolean;
  /** `product_display_www`. */
  readonly publishedOnWeb: boolean;
  readonly archived: boolean;
  readonly updatedAt: LocalDateTime | null;
}
