export type InvoiceBuildProblem =
  | "sale-not-closed"
  | "sale-is-quotation"
  | "no-lines"
  | "line-without-vat-rate"
  | "unsupported-currency"
  | "negative-total"
  | "sale-total-mismatch"
  | "vat-on-exempt-sale"
  | "buyer-required"
  | "invalid-buyer"
  | "invalid-seller"
  | "invalid-number"
  | "invalid-date"
  | "invalid-credit"
  | "not-arithmetically-sound";

/** A sale or request that cannot become a valid invoice; `problem` says which rule it breaks. */
export class InvoiceBuildError extends Error {
  constructor(
    readonly problem: InvoiceBuildProblem,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(details.length > 0 ? `${message}: ${details.join("; ")}` : message);
    this.name = "InvoiceBuildError";
  }
}
