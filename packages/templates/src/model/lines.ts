import type { Decimal, Money, VatRate } from "@comptoir/api-client";

/**
 * BT-151 VAT category: S standard, Z zero rated, E exempt, AE reverse charge,
 * K intra-community supply, G export outside the EU, O outside the scope of VAT.
 */
export type VatCategoryCode = "S" | "Z" | "E" | "AE" | "K" | "G" | "O";

/** BT-151/BT-152: a line's (or a breakdown's) VAT category and rate. */
export interface VatCategory {
  readonly code: VatCategoryCode;
  readonly rate: VatRate;
}

/** BG-25. Amounts exclude VAT; `grossAmount` is what the till charged for the line (display). */
export interface InvoiceLine {
  /** BT-126: "1", "2"… */
  readonly id: string;
  /** BT-153. */
  readonly name: string;
  /** BT-154: size, serial number, comments. */
  readonly description: string | null;
  /** BT-155: the POS product id (SKU). */
  readonly sellerItemId: string | null;
  /** BT-157 with scheme 0160, only for a valid GTIN. */
  readonly gtin: string | null;
  /** The barcode as printed on the item, GTIN or not. */
  readonly barcode: string | null;
  /** BT-129: negative for an item given back within an invoice. */
  readonly quantity: Decimal;
  /** BT-130 (UN/ECE rec. 20): "C62" one/unit, "KGM" kilogram. */
  readonly unitCode: string;
  /** BT-146: net unit price excluding VAT, never negative (BR-27), up to 6 decimals. */
  readonly netPrice: Decimal;
  /** BT-148: unit price before the POS discount, when there was one. */
  readonly grossPrice: Decimal | null;
  /** BT-147: `grossPrice - netPrice`. */
  readonly priceDiscount: Decimal | null;
  /** The POS discount as a percentage of the catalogue price, for display. */
  readonly discountPercent: Decimal | null;
  /** BT-131: 2 decimals. */
  readonly netAmount: Money;
  /** VAT-inclusive line amount as charged by the till. */
  readonly grossAmount: Money;
  readonly vat: VatCategory;
  /** The POS sale line it comes from. */
  readonly sourceLineId: number | null;
}

/** BG-23: one entry per VAT category and rate. */
export interface VatBreakdownEntry {
  readonly category: VatCategory;
  /** BT-116. */
  readonly taxableAmount: Money;
  /** BT-117. */
  readonly taxAmount: Money;
  /** BT-120. */
  readonly exemptionReason: string | null;
  /** BT-121 (VATEX code list). */
  readonly exemptionReasonCode: string | null;
}

/** BG-22. */
export interface InvoiceTotals {
  /** BT-106: Σ line net amounts. */
  readonly lineTotal: Money;
  /** BT-109. */
  readonly taxExclusive: Money;
  /** BT-110. */
  readonly taxTotal: Money;
  /** BT-112. */
  readonly taxInclusive: Money;
  /** BT-113: already paid (or refunded, for a credit note). */
  readonly paid: Money;
  /** BT-114. */
  readonly rounding: Money;
  /** BT-115. */
  readonly due: Money;
}
