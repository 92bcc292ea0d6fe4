import type { LocalDate } from "@comptoir/api-client";
import { Decimal } from "@comptoir/api-client";
import type {
  BusinessProcess,
  BuyerParty,
  Invoice,
  InvoiceLine,
  InvoiceMarket,
  InvoiceReference,
  InvoiceTypeCode,
  PaymentRecord,
  PaymentTerms,
  SaleReference,
  SellerParty,
  VatBreakdownEntry,
  VatTreatment,
} from "@comptoir/templates";
import type { SellerSettings } from "../identity/seller-settings.ts";
import { fromCents, toCents } from "../money.ts";
import { checkInvoiceArithmetic } from "./check.ts";
import { addDays } from "./dates.ts";
import { InvoiceBuildError } from "./errors.ts";
import { legalNotes, RECOVERY_INDEMNITY_EUR } from "./notes.ts";
import type { ReconciledGroup } from "./reconcile.ts";
import { type Exemption, exemptionFor } from "./vat-treatment.ts";

export interface AssembleInput {
  readonly typeCode: InvoiceTypeCode;
  readonly number: string;
  readonly issueDate: LocalDate;
  readonly currency: string;
  readonly settings: SellerSettings;
  readonly seller: SellerParty;
  readonly buyer: BuyerParty;
  readonly treatment: VatTreatment;
  readonly domesticExemption: Exemption;
  readonly lines: readonly InvoiceLine[];
  readonly groups: readonly ReconciledGroup[];
  readonly payments: readonly PaymentRecord[];
  /** When the payments were received (the sale's day); the due date of a paid invoice. */
  readonly paymentDate: LocalDate | null;
  /** What the customer owes in cents when it differs from the computed total (BT-114). */
  readonly payableCents: bigint | null;
  readonly deliveryDate: LocalDate | null;
  readonly sale: SaleReference | null;
  readonly precedingInvoice: InvoiceReference | null;
  readonly creditReason: string | null;
  readonly extraNotes: readonly string[];
}

const NATURE_LETTER = { goods: "B", services: "S", mixed: "M" } as const;

export function marketOf(buyer: BuyerParty): InvoiceMarket {
  if (buyer.kind === "consumer") return "B2C";
  return buyer.address.countryCode === "FR" && buyer.siren !== null ? "B2B" : "B2BINT";
}

function breakdown(input: AssembleInput): VatBreakdownEntry[] {
  return input.groups.map((group) => {
    const exemption = exemptionFor(input.treatment, group.category.code, input.domesticExemption);
    return {
      category: group.category,
      taxableAmount: fromCents(group.baseCents),
      taxAmount: fromCents(group.taxCents),
      exemptionReason: exemption?.reason ?? null,
      exemptionReasonCode: exemption?.code ?? null,
    };
  });
}

/** Totals, terms, framework and notes around reconciled lines; refuses an unsound result. */
export function assembleInvoice(input: AssembleInput): Invoice {
  const lineCents = input.lines.reduce((sum, line) => sum + toCents(line.netAmount), 0n);
  const taxCents = input.groups.reduce((sum, group) => sum + group.taxCents, 0n);
  const grandCents = lineCents + taxCents;
  const roundingCents = input.payableCents === null ? 0n : input.payableCents - grandCents;
  const paidCents = input.payments.reduce((sum, payment) => sum + toCents(payment.amount), 0n);
  const dueCents = grandCents - paidCents + roundingCents;
  const settled = dueCents === 0n && paidCents !== 0n && input.paymentDate !== null;
  // The French "already paid" framework (B2/S2/M2) wants BT-113 = BT-112, which a rounding
  // amount breaks; such an invoice is filed as settled on its issue date instead.
  const alreadyPaid = settled && roundingCents === 0n;
  const businessProcess =
    `${NATURE_LETTER[input.settings.operationNature]}${alreadyPaid ? "2" : "1"}` as BusinessProcess;
  const terms = input.settings.paymentTerms;
  const paymentTerms: PaymentTerms = {
    dueDate: alreadyPaid
      ? input.paymentDate
      : settled
        ? input.issueDate
        : addDays(input.issueDate, terms.days),
    days: terms.days,
    latePenalty: terms.latePenalty,
    recoveryIndemnity: Decimal.parse(RECOVERY_INDEMNITY_EUR),
    earlyPaymentDiscount: terms.earlyPaymentDiscount ?? null,
  };
  const market = marketOf(input.buyer);
  const bank = input.settings.bank;
  const invoice: Invoice = {
    typeCode: input.typeCode,
    number: input.number,
    issueDate: input.issueDate,
    currency: input.currency,
    businessProcess,
    market,
    vatTreatment: input.treatment,
    deliveryDate: input.deliveryDate,
    seller: input.seller,
    buyer: input.buyer,
    lines: input.lines,
    vatBreakdown: breakdown(input),
    totals: {
      lineTotal: fromCents(lineCents),
      taxExclusive: fromCents(lineCents),
      taxTotal: fromCents(taxCents),
      taxInclusive: fromCents(grandCents),
      paid: fromCents(paidCents),
      rounding: fromCents(roundingCents),
      due: fromCents(dueCents),
    },
    payments: input.payments,
    paymentTerms,
    bankAccount:
      bank !== undefined && dueCents > 0n
        ? { iban: bank.iban, bic: bank.bic ?? null, holder: bank.holder ?? null }
        : null,
    precedingInvoice: input.precedingInvoice,
    creditReason: input.creditReason,
    sale: input.sale,
    notes: legalNotes({
      terms: paymentTerms,
      market,
      vatOnDebits: input.seller.vatOnDebits,
      preceding: input.precedingInvoice,
      creditReason: input.creditReason,
      extra: input.extraNotes,
    }),
  };
  const violations = checkInvoiceArithmetic(invoice);
  if (violations.length > 0) {
    throw new InvoiceBuildError(
      "not-arithmetically-sound",
      `invoice ${input.number} breaks EN 16931`,
      violations.map((violation) => `${violation.rule} ${violation.message}`),
    );
  }
  return invoice;
}
