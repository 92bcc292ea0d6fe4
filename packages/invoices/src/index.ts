export { checkInvoiceArithmetic, type RuleViolation } from "./build/check.ts";
export {
  type BuildCreditNoteInput,
  buildCreditNote,
  buildCreditNoteFromReturn,
  type CreditNoteFromReturnInput,
  type CreditSelection,
  type Refund,
} from "./build/credit-note.ts";
export { InvoiceBuildError, type InvoiceBuildProblem } from "./build/errors.ts";
export { type BuildInvoiceInput, buildInvoice } from "./build/invoice.ts";
export { WALK_IN_CUSTOMER } from "./build/parties.ts";
export {
  DEFAULT_DOMESTIC_EXEMPTION,
  type Exemption,
  inferVatTreatment,
} from "./build/vat-treatment.ts";
export { EN16931_GUIDELINE, renderFacturXml } from "./facturx/cii.ts";
export {
  type BuyerDetails,
  type BuyerDetailsInput,
  buyerDetailsFromCustomer,
  buyerDetailsSchema,
  parseBuyerDetails,
} from "./identity/buyer-details.ts";
export {
  frenchVatKey,
  ibanProblem,
  isValidBic,
  isValidSiren,
  isValidSiret,
  vatNumberProblem,
} from "./identity/check-digits.ts";
export { sellerSettingsFromHiboutik } from "./identity/from-hiboutik.ts";
export {
  DEFAULT_LATE_PENALTY,
  type FieldIssue,
  type ParseResult,
  parseSellerSettings,
  type SellerSettings,
  type SellerSettingsInput,
  sellerSettingsSchema,
} from "./identity/seller-settings.ts";
export {
  type InvoiceLink,
  type InvoiceLinkOptions,
  invoiceLink,
  invoiceUrl,
  parseDuration,
  type ResolvedInvoiceLink,
  resolveInvoiceLink,
} from "./links.ts";
export {
  formatInvoiceNumber,
  InvalidNumberPatternError,
  MAX_NUMBER_LENGTH,
  type NumberPattern,
  parseNumberPattern,
  type SequenceReset,
  sequencePeriod,
} from "./numbering/pattern.ts";
export {
  createRenderPool,
  RenderFailedError,
  type RenderPool,
  type RenderPoolOptions,
} from "./pdf/pool.ts";
export { closeSharedRenderPool, renderInvoicePdf } from "./pdf/render.ts";
export {
  MissingGlyphsError,
  type RenderedPdf,
  type RenderOptions,
  renderInvoicePdfHere,
} from "./pdf/render-here.ts";
export { parseInvoiceSnapshot, SNAPSHOT_FORMAT, serializeInvoice } from "./snapshot.ts";
export {
  type CreditInvoiceInput,
  type CreditResult,
  creditInvoice,
  creditReturn,
} from "./store/credit.ts";
export { InvoiceError, type InvoiceErrorCode, type InvoiceErrorDetail } from "./store/errors.ts";
export {
  type InvoiceServices,
  type IssueInvoiceInput,
  type IssueRangeResult,
  type IssueResult,
  issueInvoice,
  issueInvoices,
  localDate,
  type RenderInvoice,
  sha256Hex,
} from "./store/issue.ts";
export {
  findInvoice,
  type InvoiceSummary,
  type ListInvoicesOptions,
  listInvoices,
  showInvoice,
  summarizeInvoice,
} from "./store/records.ts";
export { rerenderStoredInvoice } from "./store/rerender.ts";
export { parseCreditSelection } from "./store/selection.ts";
export {
  applySellerChanges,
  getInvoiceSettings,
  type InvoiceSettings,
  type Numbering,
  sellerDraftFromHiboutik,
  setLookSettings,
  setNumbering,
  setSellerSettings,
} from "./store/settings.ts";
