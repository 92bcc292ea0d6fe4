import type { Product, ProductImage, StockLevel } from "@comptoir/api-client";
import { canonicalJson, contentDigest, digestOf } from "./hash.ts";

/** Where a product record came from: the paginated list, or `GET /products/{id}`. */
export type ProductSource = "list" | "detail";

export interface MirrorVariant {
  readonly sizeId: number;
  readonly name: string;
  readonly barcode: string | null;
  readonly position: number;
}

export interface MirrorStockCell {
  readonly sizeId: number;
  readonly warehouseId: number;
  readonly available: number;
  readonly alertThreshold: number | null;
}

export type MirrorImage = Omit<ProductImage, "raw">;

/** A product ready to be written: its row, its sizes, and (when the record carried it) stock. */
export interface MirrorProduct {
  readonly productId: number;
  /** The catalog_products columns, as written (see write-products.ts). */
  readonly row: Record<string, unknown>;
  readonly variants: readonly MirrorVariant[];
  /** Undefined when the record carried no stock: the mirror's stock is then left alone. */
  readonly stock: readonly MirrorStockCell[] | undefined;
  /** Undefined when the record carried no images (the list never does). */
  readonly images: readonly MirrorImage[] | undefined;
  readonly contentHash: string;
  readonly stockHash: string | undefined;
}

/** Stock lives in catalog_stock; keeping it in `raw` would rewrite the product on every sale. */
const STOCK_KEYS = new Set(["stock_available", "stock_available_global"]);
/** Keys whose content differs between the list and the detail of the same product. */
const VIEW_KEYS = new Set([...STOCK_KEYS, "images", "product_size_details"]);

/**
 * Maps a parsed Hiboutik product to mirror rows. The list shows every size of the product's size
 * type (doc §4.2), so from a list record a size counts as enabled when it has a barcode or a
 * stock row; the detail lists only enabled sizes and is taken as it is. The content hash covers
 * the record without its stock, images and size list, plus the enabled sizes, so the list and
 * the detail of an unchanged product hash the same.
 */
export function toMirrorProduct(product: Product, source: ProductSource): MirrorProduct {
  const raw = product.raw;
  const stock = "stock_available" in raw ? product.stock.map(toStockCell) : undefined;
  const variants = enabledVariants(product, source, stock);
  const images = "images" in raw ? product.images.map(withoutRaw) : undefined;
  const stored: Record<string, unknown> = {};
  for (const key in raw) if (!STOCK_KEYS.has(key)) stored[key] = raw[key];
  // canonicalJson({ record: raw without VIEW_KEYS, variants }), without copying raw first.
  const contentHash = digestOf(
    `{"record":${canonicalJson(raw, VIEW_KEYS)},"variants":${canonicalJson(variants)}}`,
  );
  const stockHash = stock === undefined ? undefined : stockDigest(stock);
  return {
    productId: product.id,
    row: {
      product_id: product.id,
      name: product.name,
      short_name: product.shortName,
      description: product.description,
      barcode: product.barcode,
      price: product.price.toString(),
      discount_price: product.discountPrice?.toString() ?? null,
      supply_price: product.supplyPrice?.toString() ?? null,
      tax_id: product.taxId,
      vat_rate: product.vatRate?.fraction.toString() ?? null,
      brand_id: product.brandId,
      supplier_id: product.supplierId,
      category_id: product.categoryId,
      size_type_id: product.sizeTypeId,
      external_ref: product.externalRef,
      supplier_reference: product.supplierReference,
      position: product.position,
      is_package: product.isPackage,
      stock_managed: product.stockManaged,
      displayed_on_pos: product.displayedOnPos,
      published_on_web: product.publishedOnWeb,
      archived: product.archived,
      tags: product.tags.map((tag) => ({ id: tag.id, name: tag.name })),
      pos_updated_at: product.updatedAt,
      raw: stored,
      content_hash: contentHash,
      images: images ?? null,
      // The hash of the stock written with the row; '' = not known yet (kept on conflict).
      stock_hash: stockHash ?? "",
    },
    variants,
    stock,
    images,
    contentHash,
    stockHash,
  };
}

/** Order-independent digest of a product's stock cells. */
export function stockDigest(cells: readonly MirrorStockCell[]): string {
  const sorted = [...cells].sort((a, b) => a.sizeId - b.sizeId || a.warehouseId - b.warehouseId);
  return contentDigest(sorted.map((c) => [c.sizeId, c.warehouseId, c.available, c.alertThreshold]));
}

export function toStockCell(level: StockLevel): MirrorStockCell {
  return {
    sizeId: level.sizeId,
    warehouseId: level.warehouseId,
    available: level.available,
    alertThreshold: level.alertThreshold,
  };
}

function enabledVariants(
  product: Product,
  source: ProductSource,
  stock: readonly MirrorStockCell[] | undefined,
): MirrorVariant[] {
  if (product.sizeTypeId === null) return [];
  const stocked = new Set(stock?.map((cell) => cell.sizeId));
  const enabled =
    source === "detail"
      ? product.variants
      : product.variants.filter((v) => v.barcode !== null || stocked.has(v.sizeId));
  return enabled.map((v, position) => ({
    sizeId: v.sizeId,
    name: v.name,
    barcode: v.barcode,
    position,
  }));
}

function withoutRaw(image: ProductImage): MirrorImage {
  const { raw: _raw, ...rest } = image;
  return rest;
}
