import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { codec, INVALID } from "../parse/codec.ts";
import type { LocalDateTime } from "../parse/dates.ts";
import { dateTimeField } from "../parse/dates.ts";
import { flagField } from "../parse/flags.ts";
import { idField, parseId, refField } from "../parse/ids.ts";
import { isPlainObject, listField, rawRowAt } from "../parse/lists.ts";
import {
  type Money,
  moneyField,
  optionalMoneyField,
  positiveMoneyOrNullField,
} from "../parse/money.ts";
import { integerOrNullField } from "../parse/numbers.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { labelField, textField } from "../parse/text.ts";
import { optionalVatFractionField, type VatRate } from "../parse/vat-rate.ts";
import { type CallOptions, getOne, listing, type ResourceContext } from "./context.ts";
import { imageField, type ProductImage } from "./images.ts";
import { embeddedStockSchema, type StockLevel, toStockLevel } from "./stock.ts";

/** A size of a product. Variants have no price of their own in Hiboutik. */
export interface Variant {
  readonly sizeId: number;
  readonly name: string;
  readonly barcode: string | null;
}

export interface ProductTag {
  readonly id: number;
  readonly name: string | null;
}

export interface Product {
  readonly id: number;
  /** `product_model`. */
  readonly name: string;
  readonly shortName: string | null;
  readonly description: string | null;
  /** Main barcode; a `243…` EAN is Hiboutik's internal code, not a GTIN. */
  readonly barcode: string | null;
  /** Shelf price, VAT included. */
  readonly price: Money;
  /** Promotional price; null when none ("0.00" or empty). */
  readonly discountPrice: Money | null;
  readonly supplyPrice: Money | null;
  /** Id of the account's VAT rate (`product_vat`); resolve it through `taxes.list()`. */
  readonly taxId: number | null;
  /** `product_vat_value` when Hiboutik sends it. */
  readonly vatRate: VatRate | null;
  readonly brandId: number | null;
  readonly brandName: string | null;
  readonly supplierId: number | null;
  readonly categoryId: number | null;
  /** Null for a product without sizes. */
  readonly sizeTypeId: number | null;
  /**
   * One per size. The paginated list may show every size of the type; `products.get(id)` shows
   * only the sizes enabled for the product, so treat the detail as the authority.
   */
  readonly variants: readonly Variant[];
  readonly stock: readonly StockLevel[];
  readonly images: readonly ProductImage[];
  readonly tags: readonly ProductTag[];
  /** `products_ref_ext` (Hiboutik truncates it at 20 characters). */
  readonly externalRef: string | null;
  readonly supplierReference: string | null;
  readonly position: number | null;
  readonly isPackage: boolean;
  readonly stockManaged: boolean;
  readonly displayedOnPos: boolean;
  /** `product_display_www`: the merchant's "publish on the web" flag. */
  readonly publishedOnWeb: boolean;
  readonly archived: boolean;
  readonly updatedAt: LocalDateTime | null;
  readonly raw: WireRecord;
}

const variantSchema = z.object({
  size_id: idField,
  size_name: labelField,
  barcode: textField,
  product_barcode: textField,
});

const tagField = codec<ProductTag>("a tag id or { tag_id, tag } object", (value) => {
  const bareId = parseId(value);
  if (bareId !== undefined) return { id: bareId, name: null };
  if (!isPlainObject(value)) return INVALID;
  const id = parseId(value.tag_id ?? value.id);
  if (id === undefined) return INVALID;
  const name = value.tag ?? value.tag_name ?? value.name;
  return { id, name: typeof name === "string" && name !== "" ? name : null };
});

function productSchema(baseUrl: string) {
  return z.object({
    product_id: idField,
    product_model: labelField,
    product_model_short: textField,
    short_label: textField,
    product_desc: textField,
    // Some sources spell the description with an "s".
    products_desc: textField,
    product_barcode: textField,
    product_price: moneyField,
    product_discount_price: positiveMoneyOrNullField,
    product_supply_price: optionalMoneyField,
    product_vat: refField,
    product_vat_value: optionalVatFractionField,
    product_brand: refField,
    product_brand_name: textField,
    product_supplier: refField,
    product_category: refField,
    product_size_type: refField,
    product_size_details: listField(variantSchema),
    stock_available: listField(embeddedStockSchema),
    images: listField(imageField(baseUrl)),
    tags: listField(tagField),
    products_ref_ext: textField,
    product_supplier_reference: textField,
    product_order: integerOrNullField,
    product_package: flagField(),
    product_stock_management: flagField(true),
    product_display: flagField(true),
    product_display_www: flagField(),
    product_arch: flagField(),
    updated_at: dateTimeField,
  });
}

export function productCodec(baseUrl: string) {
  return defineRecord({
    resource: "product",
    idKeys: ["product_id"],
    schema: productSchema(baseUrl),
    build: (wire, raw): Product => ({
      id: wire.product_id,
      name: wire.product_model,
      shortName: wire.product_model_short ?? wire.short_label,
      description: wire.product_desc ?? wire.products_desc,
      barcode: wire.product_barcode,
      price: wire.product_price,
      discountPrice: wire.product_discount_price,
      supplyPrice: wire.product_supply_price,
      taxId: wire.product_vat,
      vatRate: wire.product_vat_value,
      brandId: wire.product_brand,
      brandName: wire.product_brand_name,
      supplierId: wire.product_supplier,
      categoryId: wire.product_category,
      sizeTypeId: wire.product_size_type,
      variants: wire.product_size_details.map((size) => ({
        sizeId: size.size_id,
        name: size.size_name,
        barcode: size.barcode ?? size.product_barcode,
      })),
      stock: wire.stock_available.map((row, index) =>
        toStockLevel(row, rawRowAt(raw.stock_available, index), wire.product_id),
      ),
      images: wire.images,
      tags: wire.tags,
      externalRef: wire.products_ref_ext,
      supplierReference: wire.product_supplier_reference,
      position: wire.product_order,
      isPackage: wire.product_package,
      stockManaged: wire.product_stock_management,
      displayedOnPos: wire.product_display,
      publishedOnWeb: wire.product_display_www,
      archived: wire.product_arch,
      updatedAt: wire.updated_at,
      raw,
    }),
  });
}

export function productsResource(context: ResourceContext) {
  const record = productCodec(context.baseUrl);
  return {
    /** All products, 250 a page (Hiboutik's README says "active products"). */
    list(options: CallOptions = {}): Listing<Product> {
      return listing(context, paths.products(), record, options);
    },
    /** One product with its enabled sizes, stock, images and tags. */
    get(productId: number, options: CallOptions = {}): Promise<Product> {
      return getOne(context, paths.product(productId), record, options);
    },
  };
}
