import { Decimal, type LocalDate, type Money, type Sale } from "@comptoir/api-client";
import type { Invoice, InvoiceLine, PaymentRecord } from "@comptoir/templates";
import type { SellerSettings } from "../identity/seller-settings.ts";
import { divideDecimals, divideRounded, fromCents, toCents, trimDecimals } from "../money.ts";
import { assembleInvoice } from "./assemble.ts";
import { checkDate, checkNumber } from "./dates.ts";
import { InvoiceBuildError } from "./errors.ts";
import { settleExchange } from "./exchange.ts";
import { paymentMeansOf } from "./payments.ts";
import {
  categoryKey,
  type PricedLine,
  type RateSummary,
  type ReconciledGroup,
  reconcileGrossLines,
} from "./reconcile.ts";
import { PRICE_SCALE, posLines, toInvoiceLine } from "./sale-lines.ts";
import { DEFAULT_DOMESTIC_EXEMPTION, lineCategory } from "./vat-treatment.ts";

/** What a credit note gives back. */
export type CreditSelection =
  /** The whole invoice. */
  | { readonly kind: "all" }
  /** Chosen lines (BT-126 ids), each in full or for part of its quantity. */
  | {
      readonly kind: "lines";
      readonly lines: readonly {
        readonly lineId: string;
        readonly quantity?: Decimal | string | number;
      }[];
    }
  /** An amount, VAT included, spread over the invoice's VAT rates in proportion to them. */
  | { readonly kind: "amount"; readonly amount: Money; readonly description: string };

/** A credit note refunded at the till (then it is settled: BT-113 = BT-112). */
export interface Refund {
  readonly date: LocalDate;
  /** POS payment code of the refund ("ESP", "CB"…). */
  readonly posCode: string;
}

export interface BuildCreditNoteInput {
  readonly original: Invoice;
  readonly seller: SellerSettings;
  readonly number: string;
  readonly issueDate: LocalDate;
  readonly selection: CreditSelection;
  readonly reason: string;
  /** Absent: the amount remains due to the buyer ("net à déduire"). */
  readonly refund?: Refund | null;
  readonly notes?: readonly string[];
}

interface CreditLine {
  readonly template: InvoiceLine;
  readonly quantity: Decimal;
  readonly grossCents: bigint;
  /** The original line in full: its net is reused as is. */
  readonly whole: boolean;
}

function invalid(message: string): never {
  throw new InvoiceBuildError("invalid-credit", message);
}

function selectedLines(original: Invoice, selection: CreditSelection): CreditLine[] {
  if (selection.kind === "all") {
    return original.lines.map((line) => ({
      template: line,
      quantity: line.quantity,
      grossCents: toCents(line.grossAmount),
      whole: true,
    }));
  }
  if (selection.kind === "amount")
    return amountLines(original, selection.amount, selection.description);
  if (selection.lines.length === 0) invalid("choose at least one line to credit");
  const seen = new Set<string>();
  return selection.lines.map(({ lineId, quantity }) => {
    const line = original.lines.find((candidate) => candidate.id === lineId);
    if (!line) invalid(`invoice ${original.number} has no line ${lineId}`);
    if (seen.has(lineId)) invalid(`line ${lineId} is chosen twice`);
    seen.add(lineId);
    const wanted = quantity === undefined ? line.quantity : Decimal.parse(String(quantity));
    const sameSign = wanted.isNegative() === line.quantity.isNegative();
    if (wanted.isZero() || !sameSign || wanted.abs().compare(line.quantity.abs()) > 0) {
      invalid(`line ${lineId}: credit between 0 and ${line.quantity} units, not ${wanted}`);
    }
    const whole = wanted.equals(line.quantity);
    const grossCents = whole
      ? toCents(line.grossAmount)
      : divideRounded(
          toCents(line.grossAmount) * wanted.units * 10n ** BigInt(line.quantity.scale),
          line.quantity.units * 10n ** BigInt(wanted.scale),
        );
    return { template: line, quantity: wanted, grossCents, whole };
  });
}

/** Splits a VAT-inclusive amount over the invoice's VAT groups by their weight (largest remainder). */
function amountLines(original: Invoice, amount: Money, description: string): CreditLine[] {
  const amountCents = toCents(amount);
  const groups = original.vatBreakdown.map((entry) => ({
    entry,
    gross: toCents(entry.taxableAmount) + toCents(entry.taxAmount),
  }));
  const total = groups.reduce((sum, group) => sum + group.gross, 0n);
  if (amountCents <= 0n || amountCents > total) {
    invalid(`the amount to credit must be above 0 and at most ${fromCents(total)}`);
  }
  const shares = groups.map((group) => (amountCents * group.gross) / total);
  let left = amountCents - shares.reduce((sum, share) => sum + share, 0n);
  const byRemainder = groups
    .map((group, index) => ({ index, remainder: (amountCents * group.gross) % total }))
    .sort((a, b) =>
      a.remainder === b.remainder ? a.index - b.index : b.remainder > a.remainder ? 1 : -1,
    );
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return groups.flatMap((group, index) => {
    const share = shares[index] ?? 0n;
    if (share === 0n) return [];
    const template: InvoiceLine = {
      id: "",
      name: groups.length > 1 ? `${description} (TVA ${group.entry.category.rate})` : description,
      description: null,
      sellerItemId: null,
      gtin: null,
      barcode: null,
      quantity: Decimal.of(1n),
      unitCode: "C62",
      netPrice: Decimal.of(0n, 2),
      grossPrice: null,
      priceDiscount: null,
      discountPercent: null,
      netAmount: fromCents(0n),
      grossAmount: fromCents(share),
      vat: group.entry.category,
      sourceLineId: null,
    };
    return [{ template, quantity: Decimal.of(1n), grossCents: share, whole: false }];
  });
}

/**
 * Line nets and VAT groups of the credit: a VAT group credited in full keeps the original's
 * amounts exactly; any other is reconciled from its VAT-inclusive amounts like a sale.
 */
function reconcileCredit(original: Invoice, lines: readonly CreditLine[]) {
  const nets: bigint[] = [];
  const groups: ReconciledGroup[] = [];
  const keys = [...new Set(lines.map((line) => categoryKey(line.template.vat)))];
  for (const key of keys) {
    const members = lines.flatMap((line, index) =>
      categoryKey(line.template.vat) === key ? [index] : [],
    );
    const originalMembers = original.lines.filter((line) => categoryKey(line.vat) === key);
    const entry = original.vatBreakdown.find(
      (candidate) => categoryKey(candidate.category) === key,
    );
    const wholeGroup =
      entry !== undefined &&
      members.length === originalMembers.length &&
      members.every((index) => lines[index]?.whole === true);
    if (wholeGroup) {
      for (const index of members)
        nets[index] = toCents(lines[index]?.template.netAmount ?? fromCents(0n));
      const baseCents = toCents(entry.taxableAmount);
      const taxCents = toCents(entry.taxAmount);
      groups.push({
        category: entry.category,
        baseCents,
        taxCents,
        grossCents: baseCents + taxCents,
      });
      continue;
    }
    const priced: PricedLine[] = members.flatMap((index) => {
      const line = lines[index];
      return line ? [{ category: line.template.vat, cents: line.grossCents }] : [];
    });
    const result = reconcileGrossLines(priced);
    members.forEach((index, position) => {
      nets[index] = result.lineNets[position] ?? 0n;
    });
    groups.push(...result.groups);
  }
  return { nets, groups };
}

function creditLines(lines: readonly CreditLine[], nets: readonly bigint[]): InvoiceLine[] {
  return lines.map((line, index) => {
    const netCents = nets[index] ?? 0n;
    const netAmount = fromCents(netCents);
    const netPrice = line.quantity.isZero()
      ? Decimal.of(0n, 2)
      : trimDecimals(divideDecimals(netAmount.abs(), line.quantity.abs(), PRICE_SCALE), 2);
    const keepsPrices = line.whole || line.template.grossPrice === null;
    return {
      ...line.template,
      id: String(index + 1),
      quantity: line.quantity,
      netPrice: line.whole ? line.template.netPrice : netPrice,
      grossPrice: keepsPrices ? line.template.grossPrice : null,
      priceDiscount: keepsPrices ? line.template.priceDiscount : null,
      discountPercent: keepsPrices ? line.template.discountPercent : null,
      netAmount,
      grossAmount: fromCents(line.grossCents),
    };
  });
}

function refundPayments(refund: Refund | null | undefined, totalCents: bigint): PaymentRecord[] {
  if (!refund) return [];
  return [
    {
      means: paymentMeansOf(refund.posCode),
      posCode: refund.posCode,
      amount: fromCents(totalCents),
    },
  ];
}

/**
 * A credit note (type 381) for all, some lines, or an amount of an issued invoice. Its amounts are
 * positive and it references the invoice's number and date (BG-3, BR-FR-CO-05).
 */
export function buildCreditNote(input: BuildCreditNoteInput): Invoice {
  const { original } = input;
  if (original.typeCode !== "380")
    invalid(`${original.number} is not an invoice: credit invoices only`);
  if (input.reason.trim() === "") invalid("a credit note states its reason");
  const number = checkNumber(input.number);
  const issueDate = checkDate(input.issueDate, "the issue date");
  const lines = selectedLines(original, input.selection);
  const { nets, groups } = reconcileCredit(original, lines);
  const totalCents = groups.reduce((sum, group) => sum + group.baseCents + group.taxCents, 0n);
  if (totalCents <= 0n) invalid("a credit note gives back a positive amount");
  return assembleInvoice({
    typeCode: "381",
    number,
    issueDate,
    currency: original.currency,
    settings: input.seller,
    seller: original.seller,
    buyer: original.buyer,
    treatment: original.vatTreatment,
    domesticExemption: exemptionOf(original),
    lines: creditLines(lines, nets),
    groups,
    payments: refundPayments(input.refund, totalCents),
    paymentDate: input.refund?.date ?? null,
    payableCents: null,
    deliveryDate: original.deliveryDate,
    sale: original.sale,
    precedingInvoice: { number: original.number, issueDate: original.issueDate },
    creditReason: input.reason.trim(),
    extraNotes: input.notes ?? [],
  });
}

function exemptionOf(original: Invoice) {
  const entry = original.vatBreakdown.find((candidate) => candidate.category.code === "E");
  return entry?.exemptionReason
    ? { reason: entry.exemptionReason, code: entry.exemptionReasonCode }
    : DEFAULT_DOMESTIC_EXEMPTION;
}

export interface CreditNoteFromReturnInput {
  /** The later POS sale in which the customer gave items back (negative lines). */
  readonly sale: Sale;
  /** The invoice of the original purchase. */
  readonly original: Invoice;
  readonly seller: SellerSettings;
  readonly number: string;
  readonly issueDate: LocalDate;
  readonly reason?: string;
}

/**
 * The credit note for items given back in a later POS sale: its return lines, matched to the
 * original invoice by item and VAT rate, settled by the till's refund or set off against what the
 * same sale sold (see `buildInvoice`'s `include: "purchases"`).
 */
export function buildCreditNoteFromReturn(input: CreditNoteFromReturnInput): Invoice {
  const { sale, original } = input;
  if (!sale.closed) throw new InvoiceBuildError("sale-not-closed", `sale ${sale.id} is not closed`);
  const all = posLines(sale);
  const returns = all.filter((line) => line.grossCents < 0n);
  if (returns.length === 0) invalid(`sale ${sale.id} gives nothing back`);
  const treatment = original.vatTreatment;
  const credited = returns.map((line) => {
    const category = lineCategory(treatment, line.rate);
    const match = original.lines.find(
      (candidate) =>
        categoryKey(candidate.vat) === categoryKey(category) &&
        (candidate.sellerItemId === null || line.source.productId === null
          ? candidate.name === line.source.name
          : candidate.sellerItemId.split("-")[0] === String(line.source.productId)),
    );
    if (!match) {
      invalid(
        `sale ${sale.id}: "${line.source.name}" at ${line.rate} is not on invoice ${original.number}`,
      );
    }
    return { line, category };
  });
  const returnsCents = returns.reduce((sum, line) => sum - line.grossCents, 0n);
  if (returnsCents > toCents(original.totals.taxInclusive)) {
    invalid(`sale ${sale.id} gives back more than invoice ${original.number} charged`);
  }
  const onlyReturns = returns.length === all.length;
  const summaries: RateSummary[] = onlyReturns
    ? sale.taxes.map((row) => ({
        category: lineCategory(treatment, row.rate),
        netCents: -toCents(row.net),
        taxCents: -toCents(row.tax),
        grossCents: -toCents(row.gross),
      }))
    : [];
  const priced: PricedLine[] = credited.map(({ line, category }) => ({
    category,
    cents: -line.grossCents,
  }));
  const reconciliation = reconcileGrossLines(priced, summaries);
  const lines = credited.map(({ line, category }, index) =>
    toInvoiceLine(
      {
        ...line,
        quantity: line.quantity.neg(),
        grossCents: -line.grossCents,
        netCents: -line.netCents,
      },
      index,
      category,
      { netCents: reconciliation.lineNets[index] ?? 0n, grossPrice: null },
    ),
  );
  const purchasesCents = all
    .filter((line) => line.grossCents >= 0n)
    .reduce((sum, line) => sum + line.grossCents, 0n);
  const date = sale.completedAt?.slice(0, 10) ?? null;
  return assembleInvoice({
    typeCode: "381",
    number: checkNumber(input.number),
    issueDate: checkDate(input.issueDate, "the issue date"),
    currency: original.currency,
    settings: input.seller,
    seller: original.seller,
    buyer: original.buyer,
    treatment,
    domesticExemption: exemptionOf(original),
    lines,
    groups: reconciliation.groups,
    payments: settleExchange(sale, purchasesCents, returnsCents).returns,
    paymentDate: date,
    payableCents: null,
    deliveryDate: date,
    sale: {
      saleId: sale.id,
      uniqueId: sale.uniqueId,
      completedAt: sale.completedAt,
      storeId: sale.storeId,
    },
    precedingInvoice: { number: original.number, issueDate: original.issueDate },
    creditReason: input.reason?.trim() || "Retour de marchandise",
    extraNotes: [],
  });
}
