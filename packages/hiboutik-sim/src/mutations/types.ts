import type { Account } from "../account.ts";
import type { WebhookHub } from "../webhooks.ts";
import type { WireContext } from "../wire/context.ts";

export interface SaleLineInput {
  readonly productId: number;
  /** Required (non-zero) for sized products, like `size_id` on `/sales/add_product`. */
  readonly sizeId?: number;
  /** Default 1. Give a negative price (doc style) or a negative quantity for a return. */
  readonly quantity?: number;
  /** Tax-inclusive unit price charged, e.g. "19.90"; default the product's current price. */
  readonly price?: string;
  /** Percent off the catalog price, e.g. 20. */
  readonly discountPercent?: number;
}

export interface SaleInput {
  /** Default 1. */
  readonly storeId?: number;
  /** Default 0 (walk-in customer). */
  readonly customerId?: number;
  /** Default the store's first vendor. */
  readonly vendorId?: number;
  readonly lines: readonly SaleLineInput[];
  /** One payment code (default "CB"), or a split: `[{ type: "CB", amount: "10.00" }, …]` (DIV). */
  readonly payment?: string | readonly { readonly type: string; readonly amount: string }[];
}

export interface ProductInput {
  readonly name: string;
  /** Tax-inclusive price, e.g. "12.50". */
  readonly price: string;
  readonly discountPrice?: string;
  readonly supplyPrice?: string;
  /** Default: the first leaf category of the tree. */
  readonly categoryId?: number;
  readonly brandId?: number;
  readonly supplierId?: number;
  /** Default 1 (20 %). */
  readonly taxId?: number;
  /** Default 0 (no sizes). */
  readonly sizeTypeId?: number;
  /** Default: every size of the size type. */
  readonly sizeIds?: readonly number[];
  /** Default: Hiboutik's internal `243…` code. Use "" for none. */
  readonly barcode?: string;
  readonly sizeBarcodes?: Readonly<Record<number, string>>;
  readonly description?: string;
  /** Default true. */
  readonly displayWww?: boolean;
  /** Stock put in every (size, warehouse) cell; default 0. */
  readonly stock?: number;
  readonly imageCount?: number;
}

/**
 * Test-side changes to the account, as if made on the POS. Each one bumps the affected
 * products' `updated_at` and fires the matching webhooks; `await sim.webhooks.flush()` waits
 * for the deliveries.
 */
export interface Mutations {
  setPrice(productId: number, price: string): void;
  /** "0.00" removes the promotional price. */
  setDiscountPrice(productId: number, price: string): void;
  archiveProduct(productId: number, archived?: boolean): void;
  setWebVisibility(productId: number, visible: boolean): void;
  setStock(productId: number, sizeId: number, warehouseId: number, quantity: number): void;
  /** Sells `quantity` units of a variant in a closed sale (default store 1); returns the sale id. */
  sellStock(
    productId: number,
    sizeId: number,
    quantity?: number,
    options?: Omit<SaleInput, "lines">,
  ): number;
  /** Sells all remaining stock of a variant in the store's warehouse; returns the sale id. */
  sellOut(productId: number, sizeId: number, options?: Omit<SaleInput, "lines">): number;
  /** Opens a sale (not yet closed: no number, no stock movement); returns its id. */
  createSale(input: SaleInput): number;
  /** Closes an open sale by id, or creates and closes one from `input`; returns the sale id. */
  closeSale(saleOrInput: number | SaleInput): number;
  /** Adds a product at the end of the catalog; returns its id. */
  addProduct(input: ProductInput): number;
}

export interface MutationDeps {
  readonly account: Account;
  readonly ctx: WireContext;
  readonly webhooks: WebhookHub;
  readonly now: () => Date;
  readonly seed: number;
}
