import { z } from "zod";
import { type CalendarDay, paths, toCalendarDay } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { dateField, dateTimeField, type LocalDate, type LocalDateTime } from "../parse/dates.ts";
import { flagField } from "../parse/flags.ts";
import { idField, refField } from "../parse/ids.ts";
import { isPlainObject, listField, rawRowAt } from "../parse/lists.ts";
import { type Money, moneyField, optionalMoneyField } from "../parse/money.ts";
import { integerOrNullField } from "../parse/numbers.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { labelField, textField } from "../parse/text.ts";
import { type VatRate, vatFractionField } from "../parse/vat-rate.ts";
import { type CallOptions, getOne, listing, type ResourceContext } from "./context.ts";
import { type SellerIdentity, storeAddressSchema, toSellerIdentity } from "./identity.ts";
import { lineSchema, type PartialAmounts, type SaleLine, toSaleLine } from "./sale-lines.ts";

export type { Amounts, PartialAmounts, SaleLine } from "./sale-lines.ts";

/** A row of `GET /closed_sales/{store}/{Y}/{M}/{D}`; fetch `sales.get(id)` for the lines. */
export interface ClosedSaleSummary {
  readonly id: number;
  readonly uniqueId: string | null;
  readonly storeId: number | null;
  readonly vendorId: number | null;
  /** Null for a walk-in sale. */
  readonly customerId: number | null;
  readonly currency: string | null;
  /** Payment code ("CB", "ESP"; "DIV" = split). */
  readonly payment: string | null;
  readonly total: Money;
  readonly createdAt: LocalDateTime | null;
  readonly completedAt: LocalDateTime | null;
  readonly billingAddressId: number | null;
  readonly shippingAddressId: number | null;
  /** Table or resource (restaurants); `resource_id` here, `ressource_id` on the sale. */
  readonly resourceId: number | null;
  readonly guests: number | null;
  readonly raw: WireRecord;
}

/** One VAT rate of the sale's tax summary; print the invoice VAT table from these. */
export interface SaleTaxSummary {
  readonly rate: VatRate;
  readonly label: string | null;
  /** Receipt letter ("A"), newer Hiboutik versions only. */
  readonly letter: string | null;
  readonly accountingAccount: string | null;
  readonly net: Money;
  readonly tax: Money;
  readonly gross: Money;
}

export interface SalePayment {
  readonly id: number | null;
  /** Payment code ("CB", "ESP"…). */
  readonly type: string;
  readonly amount: Money;
  readonly raw: WireRecord;
}

export interface Sale {
  readonly id: number;
  /** Number assigned at closing ("2025-03-1-42"); null while open. */
  readonly uniqueId: string | null;
  readonly storeId: number | null;
  readonly warehouseId: number | null;
  readonly vendorId: number | null;
  readonly vendorName: string | null;
  readonly customerId: number | null;
  readonly currency: string | null;
  readonly createdAt: LocalDateTime | null;
  readonly completedAt: LocalDateTime | null;
  /** Business (Z) day. */
  readonly businessDay: LocalDate | null;
  /** Closed = completed and numbered; only closed sales may be invoiced. */
  readonly closed: boolean;
  /** Amount due, VAT included. */
  readonly total: Money;
  /** Sums of the line amounts (can differ by a cent from the per-rate `taxes`). */
  readonly totals: PartialAmounts;
  readonly totalsBeforeDiscount: { readonly gross: Money | null; readonly net: Money | null };
  readonly discountTotals: PartialAmounts;
  readonly lines: readonly SaleLine[];
  readonly taxes: readonly SaleTaxSummary[];
  /** Payment code; "DIV" means split, see `payments`. */
  readonly payment: string | null;
  /** `payment_details`: present for split ("DIV") sales only. */
  readonly payments: readonly SalePayment[];
  readonly balance: Money | null;
  readonly billingAddressId: number | null;
  readonly shippingAddressId: number | null;
  readonly resourceId: number | null;
  /** Customer VAT number captured on the sale (B2B). */
  readonly vatNumber: string | null;
  /** "S" standard, "E" exempt. */
  readonly euVatCode: string | null;
  readonly pricesWithoutTaxes: boolean;
  readonly withoutTaxes: boolean;
  readonly dutyFree: boolean;
  readonly quotation: boolean;
  readonly externalRef: string | null;
  readonly comments: string | null;
  readonly receiptUrl: string | null;
  readonly qrCodeUrl: string | null;
  /** `store_address`, when the payload carries it. */
  readonly seller: SellerIdentity | null;
  readonly logoUrl: string | null;
  readonly language: string | null;
  readonly raw: WireRecord;
}

const closedSaleRecord = defineRecord({
  resource: "closed sale",
  idKeys: ["sale_id"],
  schema: z.object({
    sale_id: idField,
    unique_sale_id: textField,
    store_id: refField,
    vendor_id: refField,
    customer_id: refField,
    currency: textField,
    payment: textField,
    total: moneyField,
    created_at: dateTimeField,
    completed_at: dateTimeField,
    billing_address: refField,
    shipping_address: refField,
    resource_id: refField,
    ressource_id: refField,
    guests_number: integerOrNullField,
  }),
  build: (wire, raw): ClosedSaleSummary => ({
    id: wire.sale_id,
    uniqueId: wire.unique_sale_id,
    storeId: wire.store_id,
    vendorId: wire.vendor_id,
    customerId: wire.customer_id,
    currency: wire.currency,
    payment: wire.payment,
    total: wire.total,
    createdAt: wire.created_at,
    completedAt: wire.completed_at,
    billingAddressId: wire.billing_address,
    shippingAddressId: wire.shipping_address,
    resourceId: wire.resource_id ?? wire.ressource_id,
    guests: wire.guests_number,
    raw,
  }),
});

const taxSummarySchema = z.object({
  tax_value: vatFractionField,
  tax_label: textField,
  tax_letter_id: textField,
  tax_accounting_account: textField,
  total_net: moneyField,
  total_vat: moneyField,
  total_gross: moneyField,
});

const paymentSchema = z.object({
  payment_detail_id: refField,
  payment_type: labelField,
  payment_amount: moneyField,
});

const saleSchema = z.object({
  sale_id: idField,
  unique_sale_id: textField,
  store_id: refField,
  warehouse_id: refField,
  vendor_id: refField,
  vendor_first_name: textField,
  vendor_last_name: textField,
  customer_id: refField,
  currency: textField,
  created_at: dateTimeField,
  completed_at: dateTimeField,
  date_z: dateField,
  total: moneyField,
  sale_total_gross: optionalMoneyField,
  sale_total_net: optionalMoneyField,
  sale_total_tax: optionalMoneyField,
  sale_total_gross_wo_discount: optionalMoneyField,
  sale_total_net_wo_discount: optionalMoneyField,
  sale_total_discount_gross: optionalMoneyField,
  sale_total_discount_net: optionalMoneyField,
  sale_total_discount_tax: optionalMoneyField,
  line_items: listField(lineSchema),
  taxes: listField(taxSummarySchema),
  payment: textField,
  payment_details: listField(paymentSchema),
  balance: optionalMoneyField,
  billing_address: refField,
  shipping_address: refField,
  ressource_id: refField,
  resource_id: refField,
  vat_number: textField,
  eu_vat_code: textField,
  prices_without_taxes: flagField(),
  without_taxes: flagField(),
  duty_free_sale: flagField(),
  quotation: flagField(),
  sale_ext_ref: textField,
  comments: textField,
  url_receipt: textField,
  url_qrcode: textField,
  // Only the sale webhook is known to carry it; a non-object is treated as absent.
  store_address: z.preprocess(
    (value) => (isPlainObject(value) ? value : undefined),
    storeAddressSchema.optional(),
  ),
  logo_account: textField,
  sale_language: textField,
});

const saleRecord = defineRecord({
  resource: "sale",
  idKeys: ["sale_id"],
  schema: saleSchema,
  build: (wire, raw): Sale => {
    const vendorName = [wire.vendor_first_name, wire.vendor_last_name]
      .filter((part) => part !== null)
      .join(" ");
    return {
      id: wire.sale_id,
      uniqueId: wire.unique_sale_id,
      storeId: wire.store_id,
      warehouseId: wire.warehouse_id,
      vendorId: wire.vendor_id,
      vendorName: vendorName === "" ? null : vendorName,
      customerId: wire.customer_id,
      currency: wire.currency,
      createdAt: wire.created_at,
      completedAt: wire.completed_at,
      businessDay: wire.date_z,
      closed: wire.completed_at !== null && wire.unique_sale_id !== null,
      total: wire.total,
      totals: { gross: wire.sale_total_gross, net: wire.sale_total_net, tax: wire.sale_total_tax },
      totalsBeforeDiscount: {
        gross: wire.sale_total_gross_wo_discount,
        net: wire.sale_total_net_wo_discount,
      },
      discountTotals: {
        gross: wire.sale_total_discount_gross,
        net: wire.sale_total_discount_net,
        tax: wire.sale_total_discount_tax,
      },
      lines: wire.line_items.map((line, index) =>
        toSaleLine(line, rawRowAt(raw.line_items, index), index),
      ),
      taxes: wire.taxes.map((tax) => ({
        rate: tax.tax_value,
        label: tax.tax_label,
        letter: tax.tax_letter_id,
        accountingAccount: tax.tax_accounting_account,
        net: tax.total_net,
        tax: tax.total_vat,
        gross: tax.total_gross,
      })),
      payment: wire.payment,
      payments: wire.payment_details.map((payment, index) => ({
        id: payment.payment_detail_id,
        type: payment.payment_type,
        amount: payment.payment_amount,
        raw: rawRowAt(raw.payment_details, index),
      })),
      balance: wire.balance,
      billingAddressId: wire.billing_address,
      shippingAddressId: wire.shipping_address,
      resourceId: wire.ressource_id ?? wire.resource_id,
      vatNumber: wire.vat_number,
      euVatCode: wire.eu_vat_code,
      pricesWithoutTaxes: wire.prices_without_taxes,
      withoutTaxes: wire.without_taxes,
      dutyFree: wire.duty_free_sale,
      quotation: wire.quotation,
      externalRef: wire.sale_ext_ref,
      comments: wire.comments,
      receiptUrl: wire.url_receipt,
      qrCodeUrl: wire.url_qrcode,
      seller: wire.store_address === undefined ? null : toSellerIdentity(wire.store_address),
      logoUrl: wire.logo_account,
      language: wire.sale_language,
      raw,
    };
  },
});

export function salesResource(context: ResourceContext) {
  return {
    /**
     * Sales closed in one store on one day ("2025-03-14" or `{ year, month, day }`). A day
     * without sales is an empty list even if Hiboutik answers 404.
     */
    closed(
      storeId: number,
      day: string | CalendarDay,
      options: CallOptions = {},
    ): Listing<ClosedSaleSummary> {
      return listing(context, paths.closedSales(storeId, toCalendarDay(day)), closedSaleRecord, {
        ...options,
        emptyOn404: true,
      });
    },
    /** One sale with its lines, VAT summary and payments. */
    get(saleId: number, options: CallOptions = {}): Promise<Sale> {
      return getOne(context, paths.sale(saleId), saleRecord, options);
    },
  };
}
