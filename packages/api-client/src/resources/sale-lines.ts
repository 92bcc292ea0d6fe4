import { z } from "zod";
import type { Decimal } from "../parse/decimal.ts";
import { flagField } from "../parse/flags.ts";
import { refField, sizeIdField } from "../parse/ids.ts";
import {
  type Money,
  moneyField,
  optionalDecimalField,
  optionalMoneyField,
} from "../parse/money.ts";
import { quantityField } from "../parse/numbers.ts";
import type { WireRecord } from "../parse/record.ts";
import { labelField, textField } from "../parse/text.ts";
import {
  optionalVatFractionField,
  optionalVatPercentField,
  type VatRate,
} from "../parse/vat-rate.ts";

/** Gross (VAT included), net and VAT of an amount. */
export interface Amounts {
  readonly gross: Money;
  readonly net: Money;
  readonly tax: Money;
}

/** Amounts that older payloads may omit. */
export interface PartialAmounts {
  readonly gross: Money | null;
  readonly net: Money | null;
  readonly tax: Money | null;
}

/** A sale line (`line_items[]`). */
export interface SaleLine {
  readonly id: number;
  /** Null for a free-text line (`product_id` 0). */
  readonly productId: number | null;
  /** 0 = no size. */
  readonly sizeId: number;
  readonly sizeName: string | null;
  readonly name: string;
  readonly barcode: string | null;
  readonly categoryName: string | null;
  readonly quantity: number;
  /** Unit price actually charged (VAT included unless the sale has `pricesWithoutTaxes`). */
  readonly unitPrice: Money;
  readonly currency: string | null;
  /** From `vat` (fraction), or `tax_value` (percent) when `vat` is absent. */
  readonly vatRate: VatRate | null;
  readonly taxLabel: string | null;
  /** Catalog price − charged price, per unit. */
  readonly discount: Money | null;
  readonly discountPercentage: Decimal | null;
  /** Per unit after discount. */
  readonly unit: PartialAmounts;
  /** Per unit before discount (catalog price). */
  readonly unitBeforeDiscount: { readonly gross: Money | null; readonly net: Money | null };
  /** Discount of the whole line. */
  readonly lineDiscount: PartialAmounts;
  /** Line totals: print invoices from these. */
  readonly total: Amounts;
  readonly stockWithdrawn: boolean;
  readonly creditNoteId: number | null;
  readonly comments: string | null;
  readonly serialNumber: string | null;
  readonly supplyPrice: Money | null;
  readonly raw: WireRecord;
}

export const lineSchema = z.object({
  line_item_id: refField,
  detail_commande_id: refField,
  product_id: refField,
  product_size: sizeIdField,
  size_name: textField,
  product_model: labelField,
  product_barcode: textField,
  category_name: textField,
  quantity: quantityField,
  product_price: moneyField,
  product_currency: textField,
  vat: optionalVatFractionField,
  tax_value: optionalVatPercentField,
  tax_label: textField,
  discount: optionalMoneyField,
  item_discount_percentage: optionalDecimalField,
  item_unit_gross: optionalMoneyField,
  item_unit_net: optionalMoneyField,
  item_unit_tax: optionalMoneyField,
  item_unit_gross_wo_discount: optionalMoneyField,
  item_unit_net_wo_discount: optionalMoneyField,
  item_discount_gross: optionalMoneyField,
  item_discount_net: optionalMoneyField,
  item_discount_tax: optionalMoneyField,
  item_total_gross: moneyField,
  item_total_net: moneyField,
  item_total_tax: moneyField,
  stock_withdrawal: flagField(),
  credit_note_id: refField,
  product_comments: textField,
  serial_number: textField,
  product_supply_price: optionalMoneyField,
});

type WireLine = z.output<typeof lineSchema>;

export function toSaleLine(line: WireLine, raw: WireRecord, index: number): SaleLine {
  return {
    // Older payloads only have `detail_commande_id`; the position keeps ids unique otherwise.
    id: line.line_item_id ?? line.detail_commande_id ?? index + 1,
    productId: line.product_id,
    sizeId: line.product_size,
    sizeName: line.size_name,
    name: line.product_model,
    barcode: line.product_barcode,
    categoryName: line.category_name,
    quantity: line.quantity,
    unitPrice: line.product_price,
    currency: line.product_currency,
    vatRate: line.vat ?? line.tax_value,
    taxLabel: line.tax_label,
    discount: line.discount,
    discountPercentage: line.item_discount_percentage,
    unit: { gross: line.item_unit_gross, net: line.item_unit_net, tax: line.item_unit_tax },
    unitBeforeDiscount: {
      gross: line.item_unit_gross_wo_discount,
      net: line.item_unit_net_wo_discount,
    },
    lineDiscount: {
      gross: line.item_discount_gross,
      net: line.item_discount_net,
      tax: line.item_discount_tax,
    },
    total: { gross: line.item_total_gross, net: line.item_total_net, tax: line.item_total_tax },
    stockWithdrawn: line.stock_withdrawal,
    creditNoteId: line.credit_note_id,
    comments: line.product_comments,
    serialNumber: line.serial_number,
    supplyPrice: line.product_supply_price,
    raw,
  };
}
