export {
  type BankAccount,
  type BusinessProcess,
  type Invoice,
  type InvoiceMarket,
  type InvoiceNote,
  type InvoiceReference,
  type InvoiceTypeCode,
  type NoteSubject,
  type PaymentMeansCode,
  type PaymentRecord,
  type PaymentTerms,
  type SaleReference,
  STANDARD_LATE_PENALTY,
  type VatTreatment,
} from "./invoice.ts";
export type {
  InvoiceLine,
  InvoiceTotals,
  VatBreakdownEntry,
  VatCategory,
  VatCategoryCode,
} from "./lines.ts";
export type {
  BuyerParty,
  Contact,
  ElectronicAddress,
  PostalAddress,
  Registry,
  SellerParty,
} from "./parties.ts";
