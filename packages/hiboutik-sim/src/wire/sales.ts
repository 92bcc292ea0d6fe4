import {
  dateZ,
  formatDate,
  formatDateTime,
  type WallFields,
  wallFields,
  ZERO_DATE,
  ZERO_DATETIME,
} from "../clock.ts";
import { hash32 } from "../data/prng.ts";
import type { SaleLineSpec, SaleSpec } from "../data/sales.ts";
import { formatMoney, rateFraction, ratePercent } from "../money.ts";
import type { WireContext, WireRecord } from "./context.ts";
import { productTags, variantBarcode } from "./products.ts";
import { type LineAmounts, lineAmounts, saleTotalCents, taxSummary } from "./sale-amounts.ts";

function splits(prefix: string, fields: WallFields, withTime: boolean): WireRecord {
  const out: WireRecord = {
    [`${prefix}_yyyy`]: fields.yyyy,
    [`${prefix}_mm`]: fields.mm,
    [`${prefix}_dd`]: fields.dd,
  };
  if (withTime) {
    out[`${prefix}_hh`] = fields.hh;
    out[`${prefix}_min`] = fields.min;
    out[`${prefix}_ss`] = fields.ss;
  }
  return out;
}

const ZERO_FIELDS: WallFields = { yyyy: "0000", mm: "00", dd: "00", hh: "00", min: "00", ss: "00" };

function lineWire(line: SaleLineSpec, sale: SaleSpec, ctx: WireContext): WireRecord {
  const a = lineAmounts(line);
  const p = line.product;
  const category = ctx.reference.categoryById.get(p.categoryId);
  return {
    line_item_id: line.lineId,
    detail_commande_id: line.lineId,
    product_id: p.id,
    product_size: line.sizeId,
    size_name: line.sizeId === 0 ? "" : (ctx.reference.sizeById.get(line.sizeId)?.name ?? ""),
    product_model: p.model,
    product_model_short: "",
    product_barcode: variantBarcode(p, line.sizeId),
    product_brand: p.brandId,
    product_supplier: p.supplierId,
    product_category: p.categoryId,
    category_name: category?.name ?? "",
    product_size_type: p.sizeTypeId,
    product_package: p.isPackage,
    product_stock_management: p.stockManaged,
    product_supplier_reference: p.supplierReference,
    product_desc: p.description,
    storage_location: p.storageLocation,
    product_arch: p.archived,
    products_ref_ext: p.refExt,
    product_display_www: p.displayWww,
    accounting_account: p.accountingAccount,
    misc_date: ZERO_DATE,
    misc_decimal: "0.00",
    misc_int: p.miscInt,
    misc_varchar: "",
    misc_varchar2: "",
    misc_text: "",
    multiple: 1,
    tags: productTags(p, ctx),
    quantity: line.quantity,
    product_price: formatMoney(line.chargedUnitCents),
    product_currency: sale.currency,
    vat: rateFraction(line.rate),
    tax_value: ratePercent(line.rate),
    tax_label: line.taxLabel,
    discount: formatMoney(line.catalogUnitCents - line.chargedUnitCents),
    stock_withdrawal: line.stockWithdrawal,
    credit_note: 0,
    credit_note_id: 0,
    line_item_id_return: line.returnOfLineId,
    date_return: 0,
    points: 0,
    package: p.isPackage,
    product_comments: "",
    serial_number: "",
    product_supply_price: formatMoney(p.supplyPriceCents),
    kitchen_pos: 0,
    modifiers: [],
    modifiers_conc: "",
    multiple_quantity: 1,
    // A computed value sent as a JSON number, not a string (doc §5.1).
    multiple_product_price: line.chargedUnitCents / 100,
    item_unit_net_wo_discount: formatMoney(a.unitNetWo),
    item_unit_gross_wo_discount: formatMoney(a.unitGrossWo),
    item_unit_discount_net: formatMoney(a.unitDiscountNet),
    item_unit_discount_gross: formatMoney(a.unitDiscountGross),
    item_unit_net: formatMoney(a.unitNet),
    item_unit_tax: formatMoney(a.unitTax),
    item_unit_gross: formatMoney(a.unitGross),
    item_discount_net: formatMoney(a.discountNet),
    item_discount_tax: formatMoney(a.discountTax),
    item_discount_gross: formatMoney(a.discountGross),
    item_discount_percentage: formatMoney(a.discountPercent),
    item_discount_percentage_round_0: String(Math.round(a.discountPercent / 100)),
    item_total_net: formatMoney(a.totalNet),
    item_total_tax: formatMoney(a.totalTax),
    item_total_gross: formatMoney(a.totalGross),
  };
}

export function uniqueSaleId(sale: SaleSpec): string {
  if (sale.completedWallMs === null) return "";
  const f = wallFields(sale.completedWallMs);
  return `${f.yyyy}-${f.mm}-${sale.storeId}-${sale.nthClosedStore}`;
}

export function receiptUrl(sale: SaleSpec, ctx: WireContext): string {
  const accountCode = String(
    hash32(ctx.account.length, ...Array.from(ctx.account, (c) => c.charCodeAt(0))) % 1_000_000,
  ).padStart(6, "0");
  return `https://myrecei.pt/fr/${accountCode}/${sale.id}/${sale.saleKey}`;
}

/** `GET /sales/{id}` element (the sale webhook adds a few keys: see saleWebhookRecord). */
export function saleWire(sale: SaleSpec, ctx: WireContext): WireRecord {
  const vendor = ctx.reference.vendors.find((v) => v.id === sale.vendorId);
  const store = ctx.reference.stores.find((s) => s.id === sale.storeId);
  const closed = sale.completedWallMs !== null;
  const created = wallFields(sale.createdWallMs);
  const completed = sale.completedWallMs === null ? ZERO_FIELDS : wallFields(sale.completedWallMs);
  const amounts = sale.lines.map(lineAmounts);
  const sum = (pick: (a: LineAmounts) => number) => amounts.reduce((s, a) => s + pick(a), 0);
  const total = sum((a) => a.totalGross);
  const split = sale.payment === "DIV";
  const paid = sale.payments.reduce((s, p) => s + p.amountCents, 0);
  const receipt = receiptUrl(sale, ctx);
  const taxes = taxSummary(sale.lines);
  const record: WireRecord = {
    sale_id: sale.id,
    created_at: formatDateTime(sale.createdWallMs),
    completed_at:
      sale.completedWallMs === null ? ZERO_DATETIME : formatDateTime(sale.completedWallMs),
    store_id: sale.storeId,
    warehouse_id: sale.warehouseId,
    vendor_id: sale.vendorId,
    vendor_first_name: vendor?.firstName ?? "",
    vendor_last_name: vendor?.lastName ?? "",
    unique_sale_id: uniqueSaleId(sale),
    nth_closed_store: sale.nthClosedStore,
    invoice_id: "",
    sale_num_fac: "",
    customer_id: sale.customerId,
    currency: sale.currency,
    total: formatMoney(total),
    billing_address: sale.billingAddressId,
    shipping_address: sale.shippingAddressId,
    payment: sale.payment,
    without_taxes: 0,
    prices_without_taxes: 0,
    duty_free_sale: sale.dutyFree ? 1 : 0,
    // Spelled with "ss" here, but `resource_id` in the closed-sales list (doc §4.14).
    ressource_id: 0,
    points: sale.customerId > 0 ? Math.max(0, Math.floor(total / 1000)) : 0,
    sale_ext_ref: sale.extRef,
    service_charge: "0.00",
    guests_number: 0,
    takeaway: 0,
    shipping_ref: "",
    customs_duty: "0.00",
    vat_number: sale.vatNumber,
    date_z: sale.completedWallMs === null ? 0 : dateZ(sale.completedWallMs),
    sale_key: sale.saleKey,
    quotation: 0,
    pickup_date: ZERO_DATETIME,
    pickup_date_utc: ZERO_DATETIME,
    cash_tendered: formatMoney(sale.cashTenderedCents),
    comments: "",
    created_at_date: formatDate(sale.createdWallMs),
    completed_at_date: sale.completedWallMs === null ? ZERO_DATE : formatDate(sale.completedWallMs),
    ...splits("created_at_date", created, true),
    ...splits("completed_at_date", completed, true),
    // PHP substr() on the int 0 gives "0" then false: real open sales show booleans here.
    ...(closed
      ? splits("date_z", completed, false)
      : { date_z_yyyy: "0", date_z_mm: false, date_z_dd: false }),
    ...splits("pickup_date", ZERO_FIELDS, true),
    completed_at_yyyymmddhhmmss: `${completed.yyyy}${completed.mm}${completed.dd}${completed.hh}${completed.min}${completed.ss}`,
    line_items: sale.lines.map((line) => lineWire(line, sale, ctx)),
    sale_total_net: formatMoney(sum((a) => a.totalNet)),
    sale_total_tax: formatMoney(sum((a) => a.totalTax)),
    sale_total_gross: formatMoney(total),
    // Equals the number of lines in the real samples, not the number of units (doc §4.14).
    sale_total_quantity: sale.lines.length,
    sale_total_discount_net: formatMoney(sum((a) => a.discountNet)),
    sale_total_discount_tax: formatMoney(sum((a) => a.discountTax)),
    sale_total_discount_gross: formatMoney(sum((a) => a.discountGross)),
    sale_total_net_wo_discount: formatMoney(sum((a) => a.totalNetWo)),
    sale_total_gross_wo_discount: formatMoney(sum((a) => a.totalGrossWo)),
    taxes,
    taxes_conc: taxes.map((t) => `${t.tax_value_p}: ${t.total_vat}`).join(" "),
  };
  if (split) {
    // Only split (DIV) sales carry payment_details, payment_total and balance (doc §4.14).
    record.payment_details = sale.payments.map((p) => ({
      payment_detail_id: p.id,
      payment_type: p.type,
      payment_amount: formatMoney(p.amountCents),
    }));
    record.payment_total = formatMoney(paid);
    record.balance = formatMoney(total - paid);
  }
  Object.assign(record, {
    payment_ext: [],
    sale_misc: "",
    sale_tags: [],
    sale_conditions: "",
    closed_day: 0,
    account_status: 0,
    payment_accounting_account: "",
    eu_vat_code: sale.dutyFree ? "E" : "S",
    url_receipt: receipt,
    url_qrcode: `https://static.hiboutik.com/qrcode/?url=${encodeURIComponent(receipt)}`,
    // Confirmed in the sale webhook only; likely in GET /sales/{id} too (doc §4.19).
    store_address: store ? { ...store.address } : {},
    logo_account: `${ctx.publicBaseUrl}/images/products/logo-account.png`,
    sale_language: "fr",
  });
  return record;
}

/** `/closed_sales/{store}/{Y}/{M}/{D}` element, field set from a real sample. */
export function closedSaleSummary(sale: SaleSpec): WireRecord {
  return {
    sale_id: sale.id,
    created_at: formatDateTime(sale.createdWallMs),
    completed_at:
      sale.completedWallMs === null ? ZERO_DATETIME : formatDateTime(sale.completedWallMs),
    store_id: sale.storeId,
    vendor_id: sale.vendorId,
    unique_sale_id: uniqueSaleId(sale),
    customer_id: sale.customerId,
    currency: sale.currency,
    payment: sale.payment,
    billing_address: sale.billingAddressId,
    shipping_address: sale.shippingAddressId,
    resource_id: 0,
    guests_number: 0,
    total: formatMoney(saleTotalCents(sale)),
  };
}

/** `sales[]` element of `GET /customer/{id}`. */
export function customerSaleSummary(sale: SaleSpec): WireRecord {
  return {
    sale_id: sale.id,
    created_at: formatDateTime(sale.createdWallMs),
    completed_at:
      sale.completedWallMs === null ? ZERO_DATETIME : formatDateTime(sale.completedWallMs),
    store_id: sale.storeId,
    vendor_id: sale.vendorId,
    total: formatMoney(saleTotalCents(sale)),
  };
}

/**
 * The "sale" webhook body (before form encoding): the sale object plus the legacy keys of the
 * old callback, the POS version, the post-sale stock on each line, and `current_date_*`.
 */
export function saleWebhookPayload(
  sale: SaleSpec,
  ctx: WireContext,
  stockOf: (productId: number, sizeId: number) => readonly WireRecord[],
  nowWallMs: number,
): WireRecord {
  const record = saleWire(sale, ctx);
  const lines = (record.line_items as WireRecord[]).map((line, index) => {
    const spec = sale.lines[index];
    return spec ? { ...line, stock_available: stockOf(spec.product.id, spec.sizeId) } : line;
  });
  return {
    ...record,
    line_items: lines,
    ...splits("current_date", wallFields(nowWallMs), true),
    order_id: sale.id,
    unique_order_id: record.unique_sale_id,
    shop_id: sale.storeId,
    customer_id: sale.customerId,
    vendor_id: sale.vendorId,
    user_id: sale.vendorId,
    date_time: record.completed_at,
    hiboutik_version: "19.0.2",
  };
}
