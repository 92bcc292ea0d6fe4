import type { SaleLineSpec, SaleSpec } from "../data/sales.ts";
import { divRound, formatMoney, netOfGross, rateFraction, ratePercent } from "../money.ts";

export interface LineAmounts {
  readonly unitNetWo: number;
  readonly unitGrossWo: number;
  readonly unitDiscountNet: number;
  readonly unitDiscountGross: number;
  readonly unitNet: number;
  readonly unitTax: number;
  readonly unitGross: number;
  readonly discountNet: number;
  readonly discountTax: number;
  readonly discountGross: number;
  /** Hundredths of a percent. */
  readonly discountPercent: number;
  readonly totalNet: number;
  readonly totalTax: number;
  readonly totalGross: number;
  readonly totalNetWo: number;
  readonly totalGrossWo: number;
}

/**
 * Line amounts from tax-inclusive prices, as in the doc's real samples: unit and line totals are
 * each rounded from their gross (so 2 × 20.83 net gives a 41.67 total, not 41.66).
 */
export function lineAmounts(line: SaleLineSpec): LineAmounts {
  const q = line.quantity;
  const catalog = line.catalogUnitCents;
  const charged = line.chargedUnitCents;
  const unitNetWo = netOfGross(catalog, line.rate);
  const unitNet = netOfGross(charged, line.rate);
  const totalGross = charged * q;
  const totalNet = netOfGross(totalGross, line.rate);
  const totalGrossWo = catalog * q;
  const totalNetWo = netOfGross(totalGrossWo, line.rate);
  return {
    unitNetWo,
    unitGrossWo: catalog,
    unitDiscountNet: unitNetWo - unitNet,
    unitDiscountGross: catalog - charged,
    unitNet,
    unitTax: charged - unitNet,
    unitGross: charged,
    discountNet: totalNetWo - totalNet,
    discountTax: totalGrossWo - totalGross - (totalNetWo - totalNet),
    discountGross: totalGrossWo - totalGross,
    discountPercent:
      catalog === 0 ? 0 : divRound(Math.abs(catalog - charged) * 10_000, Math.abs(catalog)),
    totalNet,
    totalTax: totalGross - totalNet,
    totalGross,
    totalNetWo,
    totalGrossWo,
  };
}

export function percentLabel(rate: number): string {
  return `${ratePercent(rate)}%`;
}

interface TaxGroup {
  rate: number;
  label: string;
  gross: number;
}

/** Per-rate summary, each rate's net rounded from its own gross (hence the 1-cent gaps). */
export interface TaxSummaryRow {
  readonly tax_value: string;
  readonly tax_value_p: string;
  readonly tax_label: string;
  readonly tax_accounting_account: string;
  readonly total_net: string;
  readonly total_vat: string;
  readonly total_gross: string;
  readonly tax_letter_id: string;
}

export function taxSummary(lines: readonly SaleLineSpec[]): TaxSummaryRow[] {
  const groups = new Map<number, TaxGroup>();
  for (const line of lines) {
    const group = groups.get(line.rate) ?? { rate: line.rate, label: line.taxLabel, gross: 0 };
    group.gross += line.chargedUnitCents * line.quantity;
    groups.set(line.rate, group);
  }
  return [...groups.values()]
    .sort((x, y) => y.rate - x.rate)
    .map((group, index) => {
      const net = netOfGross(group.gross, group.rate);
      return {
        tax_value: rateFraction(group.rate),
        tax_value_p: percentLabel(group.rate),
        tax_label: group.label,
        tax_accounting_account: "",
        total_net: formatMoney(net),
        total_vat: formatMoney(group.gross - net),
        total_gross: formatMoney(group.gross),
        tax_letter_id: String.fromCharCode(65 + index),
      };
    });
}

export function saleTotalCents(sale: SaleSpec): number {
  return sale.lines.reduce((sum, line) => sum + line.chargedUnitCents * line.quantity, 0);
}
