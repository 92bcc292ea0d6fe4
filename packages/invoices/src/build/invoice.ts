import type { LocalDate, Sale } from "@comptoir/api-client";
import type { Invoice, VatTreatment } from "@comptoir/templates";
import { type BuyerDetailsInput, parseBuyerDetails } from "../identity/buyer-details.ts";
import type { SellerSettings } from "../identity/seller-settings.ts";
import { priceWithoutVat, toCents } from "../money.ts";
import { assembleInvoice } from "./assemble.ts";
import { checkDate, checkNumber } from "./dates.ts";
import { InvoiceBuildError } from "./errors.ts";
import { settleExchange } from "./exchange.ts";
import { buyerParty, sellerParty } from "./parties.ts";
import { salePayments } from "./payments.ts";
import {
  type PricedLine,
  type RateSummary,
  reconcileGrossLines,
  reconcileNetLines,
} from "./reconcile.ts";
import { type PosLine, PRICE_SCALE, posLines, toInvoiceLine } from "./sale-lines.ts";
import {
  DEFAULT_DOMESTIC_EXEMPTION,
  type Exemption,
  inferVatTreatment,
  lineCategory,
} from "./vat-treatment.ts";

export interface BuildInvoiceInput {
  /** A closed sale, as `@comptoir/api-client` parses it. */
  readonly sale: Sale;
  /** Validated seller settings (`parseSellerSettings`). */
  readonly seller: SellerSettings;
  /** Buyer details given at issuance; absent for an anonymous walk-in customer. */
  readonly buyer?: BuyerDetailsInput | null;
  /** Assigned by the numbering store (`formatInvoiceNumber`). */
  readonly number: string;
  readonly issueDate: LocalDate;
  /** Defaults to what the seller and the sale imply (`inferVatTreatment`). */
  readonly vatTreatment?: VatTreatment;
  /** Wording for domestic lines at 0 % (BT-120/121). */
  readonly domesticExemption?: Exemption;
  /** Free notes printed on the invoice and carried in the XML. */
  readonly notes?: readonly string[];
  /**
   * "purchases" leaves out the items given back in an exchange (they get a credit note from
   * `buildCreditNoteFromReturn`); their value then counts as set off against the purchases.
   */
  readonly include?: "all" | "purchases";
}

/** Amounts the POS may round differently from us by this much before we call the sale broken. */
const TOTAL_TOLERANCE_CENTS = 5n;

export function parsedBuyer(buyer: BuyerDetailsInput | null | undefined) {
  if (buyer === null || buyer === undefined) return null;
  const parsed = parseBuyerDetails(buyer);
  if (!parsed.ok) {
    throw new InvoiceBuildError(
      "invalid-buyer",
      "the buyer details are invalid",
      parsed.issues.map((issue) => `${issue.path}: ${issue.message}`),
    );
  }
  return parsed.value;
}

function checkSale(sale: Sale): void {
  if (!sale.closed) throw new InvoiceBuildError("sale-not-closed", `sale ${sale.id} is not closed`);
  if (sale.quotation)
    throw new InvoiceBuildError("sale-is-quotation", `sale ${sale.id} is a quotation`);
  if (sale.lines.length === 0)
    throw new InvoiceBuildError("no-lines", `sale ${sale.id} has no lines`);
  const currency = sale.currency ?? "EUR";
  if (currency !== "EUR") {
    throw new InvoiceBuildError(
      "unsupported-currency",
      `sale ${sale.id} is in ${currency}; only EUR is supported`,
    );
  }
}

function summaries(sale: Sale, treatment: VatTreatment): RateSummary[] {
  return sale.taxes.map((row) => ({
    category: lineCategory(treatment, row.rate),
    netCents: toCents(row.net),
    taxCents: toCents(row.tax),
    grossCents: toCents(row.gross),
  }));
}

/** Catalogue unit price without VAT, for lines the POS discounted. */
function catalogNetPrice(pos: PosLine, pricesWithoutTaxes: boolean, vatCharged: boolean) {
  if (pos.catalogPrice === null) return null;
  if (pricesWithoutTaxes || !vatCharged) return pos.catalogPrice;
  return priceWithoutVat(pos.catalogPrice, pos.rate, PRICE_SCALE);
}

/**
 * A closed POS sale → an EN 16931 invoice whose total is what the customer paid, to the cent.
 * The rounding policy is documented in `reconcile.ts` and the package README.
 * Throws `InvoiceBuildError` when the sale cannot make a valid invoice.
 */
export function buildInvoice(input: BuildInvoiceInput): Invoice {
  const { sale } = input;
  checkSale(sale);
  const number = checkNumber(input.number);
  const issueDate = checkDate(input.issueDate, "the issue date");
  const seller = sellerParty(input.seller);
  const buyer = buyerParty(parsedBuyer(input.buyer), seller.address.countryCode);
  const treatment =
    input.vatTreatment ??
    inferVatTreatment({
      sellerFranchise: input.seller.vatFranchise,
      saleExempt: sale.euVatCode === "E" || sale.dutyFree,
      buyerVatNumber: buyer.vatNumber,
      buyerCountry: buyer.address.countryCode,
    });
  const allLines = posLines(sale);
  const purchasesOnly = input.include === "purchases";
  const lines = purchasesOnly ? allLines.filter((line) => line.grossCents >= 0n) : allLines;
  if (lines.length === 0) throw new InvoiceBuildError("no-lines", `sale ${sale.id} sold nothing`);
  if (treatment !== "domestic") {
    const taxed = lines.filter((line) => !line.rate.fraction.isZero());
    if (taxed.length > 0) {
      throw new InvoiceBuildError(
        "vat-on-exempt-sale",
        `sale ${sale.id} charged VAT but the invoice is ${treatment}: ring the sale up without VAT`,
        taxed.map((line) => `line ${line.source.id} at ${line.rate}`),
      );
    }
  }
  const priced: PricedLine[] = lines.map((line) => ({
    category: lineCategory(treatment, line.rate),
    cents: sale.pricesWithoutTaxes ? line.netCents : line.grossCents,
  }));
  const reconciliation = sale.pricesWithoutTaxes
    ? reconcileNetLines(priced, summaries(sale, treatment))
    : reconcileGrossLines(priced, summaries(sale, treatment));
  const invoiceLines = lines.map((line, index) => {
    const category = priced[index]?.category ?? lineCategory(treatment, line.rate);
    return toInvoiceLine(line, index, category, {
      netCents: reconciliation.lineNets[index] ?? 0n,
      grossPrice: catalogNetPrice(line, sale.pricesWithoutTaxes, category.code === "S"),
    });
  });
  const grandCents = reconciliation.groups.reduce((sum, g) => sum + g.baseCents + g.taxCents, 0n);
  const returnsCents = allLines
    .filter((line) => line.grossCents < 0n)
    .reduce((sum, line) => sum - line.grossCents, 0n);
  const saleCents = purchasesOnly ? toCents(sale.total) + returnsCents : toCents(sale.total);
  const gap = saleCents - grandCents;
  if (gap > TOTAL_TOLERANCE_CENTS || gap < -TOTAL_TOLERANCE_CENTS) {
    throw new InvoiceBuildError(
      "sale-total-mismatch",
      `sale ${sale.id}: its total ${sale.total} does not match its lines (${grandCents} cents)`,
    );
  }
  if (saleCents < 0n) {
    throw new InvoiceBuildError(
      "negative-total",
      `sale ${sale.id} is a refund (${sale.total}): issue a credit note (buildCreditNoteFromReturn)`,
    );
  }
  const paymentDate = sale.completedAt?.slice(0, 10) ?? null;
  return assembleInvoice({
    typeCode: "380",
    number,
    issueDate,
    currency: "EUR",
    settings: input.seller,
    seller,
    buyer,
    treatment,
    domesticExemption: input.domesticExemption ?? DEFAULT_DOMESTIC_EXEMPTION,
    lines: invoiceLines,
    groups: reconciliation.groups,
    payments:
      purchasesOnly && returnsCents > 0n
        ? settleExchange(sale, saleCents, returnsCents).purchases
        : salePayments(sale, sale.total),
    paymentDate,
    payableCents: saleCents,
    deliveryDate: paymentDate,
    sale: {
      saleId: sale.id,
      uniqueId: sale.uniqueId,
      completedAt: sale.completedAt,
      storeId: sale.storeId,
    },
    precedingInvoice: null,
    creditReason: null,
    extraNotes: input.notes ?? [],
  });
}
