import type { LocalDate, LocalDateTime, Money } from "@comptoir/api-client";
import type { InvoiceLine, InvoiceTotals, VatBreakdownEntry } from "./lines.ts";
import type { BuyerParty, SellerParty } from "./parties.ts";

/** BT-3: 380 commercial invoice, 381 credit note. */
export type InvoiceTypeCode = "380" | "381";

/**
 * BT-23 as the French reform defines it: B goods, S services, M mixed; 1 = to be paid,
 * 2 = already paid (then BT-113 = BT-112, BT-115 = 0 and BT-9 is the payment date).
 */
export type BusinessProcess = "B1" | "B2" | "S1" | "S2" | "M1" | "M2";

/** The French "BAR" note: which flow the invoice belongs to. */
export type InvoiceMarket = "B2B" | "B2BINT" | "B2C";

/** How VAT applies to the whole invoice. */
export type VatTreatment =
  | "domestic"
  | "franchise"
  | "reverse-charge"
  | "intra-community"
  | "export";

/** BG-1 subject codes (UNTDID 4451) that the invoices use. */
export type NoteSubject = "PMT" | "PMD" | "AAB" | "BAR" | "TXD" | "REG" | "AAI";

export interface InvoiceNote {
  readonly subject: NoteSubject | null;
  readonly content: string;
}

/** BG-3: the invoice a credit note corrects. */
export interface InvoiceReference {
  readonly number: string;
  readonly issueDate: LocalDate;
}

/** BT-81 (UNTDID 4461) codes used for POS payment types. */
export type PaymentMeansCode =
  | "1"
  | "10"
  | "20"
  | "30"
  | "42"
  | "48"
  | "49"
  | "54"
  | "55"
  | "57"
  | "58"
  | "59"
  | "97"
  | "ZZZ";

/** A payment received at the till. */
export interface PaymentRecord {
  readonly means: PaymentMeansCode;
  /** The POS payment code ("CB", "ESP"…). */
  readonly posCode: string;
  readonly amount: Money;
}

export interface BankAccount {
  readonly iban: string;
  readonly bic: string | null;
  readonly holder: string | null;
}

/** The B2B payment conditions (Code de commerce L441-9 / L441-10 / D441-5). */
export interface PaymentTerms {
  /** BT-9. */
  readonly dueDate: LocalDate | null;
  /** Days after issue (0 = on receipt). */
  readonly days: number;
  /** Late-payment penalty rate, in words. */
  readonly latePenalty: string;
  /** The flat recovery indemnity (40 EUR by law). */
  readonly recoveryIndemnity: Money;
  /** Early-payment discount conditions; null means "no discount". */
  readonly earlyPaymentDiscount: string | null;
}

/** The POS sale an invoice was made from. */
export interface SaleReference {
  readonly saleId: number;
  readonly uniqueId: string | null;
  readonly completedAt: LocalDateTime | null;
  readonly storeId: number | null;
}

/**
 * An EN 16931 invoice or credit note, with exact money. Built by `@comptoir/invoices`, frozen at
 * issuance, drawn by the templates of this package. Amounts of a credit note are positive:
 * the type code carries the sign.
 */
export interface Invoice {
  readonly typeCode: InvoiceTypeCode;
  /** BT-1. */
  readonly number: string;
  /** BT-2. */
  readonly issueDate: LocalDate;
  /** BT-5 (ISO 4217). */
  readonly currency: string;
  readonly businessProcess: BusinessProcess;
  readonly market: InvoiceMarket;
  readonly vatTreatment: VatTreatment;
  /** BT-72: the day the goods were handed over (the sale's completion). */
  readonly deliveryDate: LocalDate | null;
  readonly seller: SellerParty;
  readonly buyer: BuyerParty;
  readonly lines: readonly InvoiceLine[];
  readonly vatBreakdown: readonly VatBreakdownEntry[];
  readonly totals: InvoiceTotals;
  readonly payments: readonly PaymentRecord[];
  readonly paymentTerms: PaymentTerms;
  /** Shown, and put in the XML, when something remains due. */
  readonly bankAccount: BankAccount | null;
  /** Credit notes: the corrected invoice (BG-3). */
  readonly precedingInvoice: InvoiceReference | null;
  /** Credit notes: why. */
  readonly creditReason: string | null;
  readonly sale: SaleReference | null;
  /** BG-1, French legal wording (the XML carries these as they are). */
  readonly notes: readonly InvoiceNote[];
}

/** The late-penalty rate the Code de commerce applies by default (L441-10), in French. */
export const STANDARD_LATE_PENALTY =
  "taux d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points de pourcentage";
