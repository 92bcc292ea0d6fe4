import type { Invoice } from "@comptoir/templates";
import { toCents, vatOfNet } from "../money.ts";
import { categoryKey } from "./reconcile.ts";

export interface RuleViolation {
  /** The EN 16931 rule, e.g. "BR-CO-10". */
  readonly rule: string;
  readonly message: string;
}

/**
 * The EN 16931 arithmetic rules an invoice must satisfy (BR-CO-10, 13..17, BR-S-08 and its
 * per-category siblings, BR-27/28, BR-DEC). Returns every violation; empty means sound.
 */
export function checkInvoiceArithmetic(invoice: Invoice): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const fail = (rule: string, message: string) => violations.push({ rule, message });
  const { totals } = invoice;
  const cents = (name: string, amount: { toString(): string; normalize(): { scale: number } }) => {
    if (amount.normalize().scale > 2) fail("BR-DEC", `${name} has more than 2 decimals: ${amount}`);
  };
  for (const [name, amount] of Object.entries(totals)) cents(name, amount);

  const lineSum = invoice.lines.reduce((sum, line) => sum + toCents(line.netAmount), 0n);
  if (lineSum !== toCents(totals.lineTotal)) {
    fail("BR-CO-10", `Σ line nets ${lineSum} ≠ BT-106 ${totals.lineTotal}`);
  }
  if (toCents(totals.taxExclusive) !== toCents(totals.lineTotal)) {
    fail("BR-CO-13", `BT-109 ${totals.taxExclusive} ≠ BT-106 ${totals.lineTotal}`);
  }
  const taxSum = invoice.vatBreakdown.reduce((sum, entry) => sum + toCents(entry.taxAmount), 0n);
  if (taxSum !== toCents(totals.taxTotal))
    fail("BR-CO-14", `Σ VAT ${taxSum} ≠ BT-110 ${totals.taxTotal}`);
  if (toCents(totals.taxInclusive) !== toCents(totals.taxExclusive) + toCents(totals.taxTotal)) {
    fail("BR-CO-15", `BT-112 ${totals.taxInclusive} ≠ BT-109 + BT-110`);
  }
  if (
    toCents(totals.due) !==
    toCents(totals.taxInclusive) - toCents(totals.paid) + toCents(totals.rounding)
  ) {
    fail("BR-CO-16", `BT-115 ${totals.due} ≠ BT-112 − BT-113 + BT-114`);
  }
  if (invoice.vatBreakdown.length === 0) fail("BR-CO-18", "no VAT breakdown");

  for (const entry of invoice.vatBreakdown) {
    const key = categoryKey(entry.category);
    const base = invoice.lines
      .filter((line) => categoryKey(line.vat) === key)
      .reduce((sum, line) => sum + toCents(line.netAmount), 0n);
    if (base !== toCents(entry.taxableAmount)) {
      fail(
        `BR-${entry.category.code}-08`,
        `${key}: BT-116 ${entry.taxableAmount} ≠ Σ line nets ${base}`,
      );
    }
    const expected = entry.category.code === "S" ? vatOfNet(base, entry.category.rate) : 0n;
    const gap = toCents(entry.taxAmount) - expected;
    if (gap > 1n || gap < -1n) {
      fail(
        "BR-CO-17",
        `${key}: BT-117 ${entry.taxAmount} is not BT-116 × rate (${expected} cents)`,
      );
    }
    if (
      entry.category.code !== "S" &&
      entry.exemptionReason === null &&
      entry.exemptionReasonCode === null
    ) {
      fail(`BR-${entry.category.code}-10`, `${key}: an exempt category needs an exemption reason`);
    }
  }
  for (const line of invoice.lines) {
    cents(`line ${line.id} net amount`, line.netAmount);
    if (line.netPrice.isNegative()) fail("BR-27", `line ${line.id}: negative net price`);
    if (line.grossPrice?.isNegative()) fail("BR-28", `line ${line.id}: negative gross price`);
  }
  return violations;
}
