import { Decimal, type Money, type Sale, type SaleLine, type VatRate } from "@comptoir/api-client";
import type { InvoiceLine, VatCategory } from "@comptoir/templates";
import { divideDecimals, fromCents, toCents, trimDecimals } from "../money.ts";
import { InvoiceBuildError } from "./errors.ts";

/** A POS line made sign-consistent: the price is never negative, a return has a negative quantity. */
export interface PosLine {
  readonly source: SaleLine;
  readonly quantity: Decimal;
  /** Unit price charged, VAT included unless the sale is priced without VAT. */
  readonly unitPrice: Money;
  /** Unit price before the POS discount, same basis; null without a discount. */
  readonly catalogPrice: Money | null;
  readonly rate: VatRate;
  /** Signed VAT-inclusive line amount (what the till charged). */
  readonly grossCents: bigint;
  /** Signed net line amount as the POS computed it. */
  readonly netCents: bigint;
}

/** BR-FR-DEC-02: quantities have at most 4 decimals. */
const QUANTITY_SCALE = 4;
/** BR-FR-DEC-03: unit prices have at most 6 decimals. */
export const PRICE_SCALE = 6;

export function posLines(sale: Sale): PosLine[] {
  return sale.lines.map((line) => {
    if (line.vatRate === null) {
      throw new InvoiceBuildError(
        "line-without-vat-rate",
        `sale ${sale.id}: line ${line.id} ("${line.name}") has no VAT rate`,
      );
    }
    const priceNegative = line.unitPrice.isNegative();
    const rawQuantity = Decimal.parse(line.quantity).round(QUANTITY_SCALE).normalize();
    const quantity = priceNegative ? rawQuantity.neg() : rawQuantity;
    const unitPrice = line.unitPrice.abs();
    const discount = line.discount?.abs() ?? null;
    const catalogPrice = discount !== null && !discount.isZero() ? unitPrice.add(discount) : null;
    return {
      source: line,
      quantity,
      unitPrice,
      catalogPrice,
      rate: line.vatRate,
      grossCents: toCents(line.total.gross),
      netCents: toCents(line.total.net),
    };
  });
}

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/** A barcode that is a GTIN (GS1 mod-10 check digit), usable as BT-157 with scheme 0160. */
export function asGtin(barcode: string | null): string | null {
  if (barcode === null || !/^\d+$/.test(barcode) || !GTIN_LENGTHS.has(barcode.length)) return null;
  let sum = 0;
  for (let i = 0; i < barcode.length - 1; i++) {
    const digit = Number(barcode[barcode.length - 2 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10 === Number(barcode[barcode.length - 1]) ? barcode : null;
}

function describe(line: SaleLine): string | null {
  const parts = [
    line.sizeName,
    line.serialNumber ? `S/N ${line.serialNumber}` : null,
    line.comments,
  ]
    .map((part) => part?.trim() ?? "")
    .filter((part) => part !== "");
  return parts.length > 0 ? parts.join(" · ") : null;
}

export interface LinePricing {
  readonly netCents: bigint;
  /** Catalogue unit price without VAT, when the POS gave a discount. */
  readonly grossPrice: Decimal | null;
}

/**
 * The EN 16931 line. BT-146 is derived from the reconciled net so that quantity × price matches
 * the line amount as closely as 6 decimals allow.
 */
export function toInvoiceLine(
  pos: PosLine,
  index: number,
  category: VatCategory,
  pricing: LinePricing,
): InvoiceLine {
  const netAmount = fromCents(pricing.netCents);
  const netPrice = pos.quantity.isZero()
    ? Decimal.of(0n, 2)
    : trimDecimals(divideDecimals(netAmount.abs(), pos.quantity.abs(), PRICE_SCALE), 2);
  const grossPrice =
    pricing.grossPrice !== null && pricing.grossPrice.compare(netPrice) > 0
      ? trimDecimals(pricing.grossPrice, 2)
      : null;
  const priceDiscount = grossPrice === null ? null : trimDecimals(grossPrice.sub(netPrice), 2);
  const discountPercent =
    pos.catalogPrice === null || pos.catalogPrice.isZero() || grossPrice === null
      ? null
      : divideDecimals(pos.catalogPrice.sub(pos.unitPrice).mul(100n), pos.catalogPrice, 2);
  const source = pos.source;
  return {
    id: String(index + 1),
    name: source.name,
    description: describe(source),
    sellerItemId:
      source.productId === null
        ? null
        : source.sizeId === 0
          ? String(source.productId)
          : `${source.productId}-${source.sizeId}`,
    gtin: asGtin(source.barcode),
    barcode: source.barcode,
    quantity: pos.quantity,
    unitCode: "C62",
    netPrice,
    grossPrice,
    priceDiscount,
    discountPercent,
    netAmount,
    grossAmount: fromCents(pos.grossCents),
    vat: category,
    sourceLineId: source.id,
  };
}
