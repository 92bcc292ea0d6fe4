import { formatDateTime, ZERO_DATE } from "../clock.ts";
import type { ProductSpec, StockCell } from "../data/products.ts";
import { formatMoney } from "../money.ts";
import type { WireContext, WireRecord } from "./context.ts";

export function imageFileName(productId: number, slot: number, rendition: "mini" | "big"): string {
  return `${rendition}_${productId}-${slot}.jpg`;
}

/**
 * `images[]` of `GET /products/{id}`. The element shape is not confirmed (doc §4.10); this
 * follows the doc's example: a `mini_` and a `big_` rendition per image slot.
 */
export function productImages(spec: ProductSpec, ctx: WireContext): WireRecord[] {
  const images: WireRecord[] = [];
  for (let slot = 1; slot <= spec.imageCount; slot++) {
    const base = `${ctx.publicBaseUrl}/api/products_images/`;
    images.push({ url: `${base}${imageFileName(spec.id, slot, "mini")}` });
    images.push({
      url: `${base}${imageFileName(spec.id, slot, "big")}`,
      width: "1000",
      height: "1000",
    });
  }
  return images;
}

export function stockRow(productId: number, cell: StockCell): WireRecord {
  return {
    product_id: productId,
    product_size: cell.sizeId,
    warehouse_id: cell.warehouseId,
    stock_available: cell.quantity,
    inventory_alert: cell.alert,
  };
}

/** Variant-level barcode: the size's own code, or the product's for size 0. */
export function variantBarcode(spec: ProductSpec, sizeId: number): string {
  if (sizeId === 0) return spec.barcode;
  return spec.sizes.find((s) => s.sizeId === sizeId)?.barcode ?? "";
}

export function productTags(spec: ProductSpec, ctx: WireContext): WireRecord[] {
  // Element shape is not documented (sale lines show `tags: []`); inferred as {tag_id, tag}.
  return spec.tagIds.map((id) => ({ tag_id: id, tag: ctx.reference.tagNames.get(id) ?? "" }));
}

/**
 * A product as `GET /products/` (view "list") or `GET /products/{id}` (view "detail") sends it.
 * The list carries every size of the size type (inactive ones with an empty barcode), the
 * detail only the sizes enabled for the product (doc §4.2, one client's observation).
 */
export function productWire(
  spec: ProductSpec,
  ctx: WireContext,
  view: "list" | "detail",
): WireRecord {
  const sizeType = ctx.reference.sizeTypes.find((t) => t.id === spec.sizeTypeId);
  const active = new Map(spec.sizes.map((s) => [s.sizeId, s.barcode]));
  const sizeDetails =
    view === "list" && sizeType
      ? sizeType.sizes.map((size) => ({
          size_id: size.id,
          size_name: size.name,
          barcode: active.get(size.id) ?? "",
        }))
      : spec.sizes.map((s) => ({
          size_id: s.sizeId,
          size_name: ctx.reference.sizeById.get(s.sizeId)?.name ?? "",
          barcode: s.barcode,
        }));
  const total = spec.stock.reduce((sum, cell) => sum + cell.quantity, 0);
  const record: WireRecord = {
    product_id: spec.id,
    product_model: spec.model,
    product_barcode: spec.barcode,
    product_brand: spec.brandId,
    product_supplier: spec.supplierId,
    product_price: formatMoney(spec.priceCents),
    product_discount_price: formatMoney(spec.discountPriceCents),
    product_supply_price: formatMoney(spec.supplyPriceCents),
    product_category: spec.categoryId,
    product_size_type: spec.sizeTypeId,
    product_package: spec.isPackage,
    product_stock_management: spec.stockManaged,
    product_supplier_reference: spec.supplierReference,
    product_vat: spec.taxId,
    product_display: spec.display,
    product_display_www: spec.displayWww,
    product_arch: spec.archived,
    // `product_desc` (real webhook lines) rather than `products_desc` (one client's model).
    product_desc: spec.description,
    products_ref_ext: spec.refExt,
    product_order: spec.order,
    product_font_color: "#FFFFFF",
    product_bck_btn_color: spec.bckColor,
    points_in: 0,
    points_out: 0,
    multiple: 1,
    accounting_account: spec.accountingAccount,
    product_storage_location: spec.storageLocation,
    misc_date: ZERO_DATE,
    misc_decimal: "0.00",
    misc_int: spec.miscInt,
    misc_varchar: "",
    misc_varchar2: "",
    misc_text: "",
    product_specific_rules: [],
    updated_at: formatDateTime(spec.updatedWallMs),
    product_size_details: sizeDetails,
    stock_available: spec.stock.map((cell) => ({
      warehouse_id: cell.warehouseId,
      product_size: cell.sizeId,
      stock_available: cell.quantity,
      inventory_alert: cell.alert,
    })),
    // Semantics unclear in the doc; storefronts read it as an "in stock" flag.
    stock_available_global: total > 0 ? 1 : 0,
    tags: productTags(spec, ctx),
  };
  if (view === "detail") record.images = productImages(spec, ctx);
  return record;
}
