/** Failures of the stored-invoice verbs, with a stable code the CLI and the API map to answers. */
export type InvoiceErrorCode =
  | "INVOICE_NOT_FOUND"
  | "AMBIGUOUS_INVOICE"
  | "SALE_NOT_FOUND"
  | "SELLER_NOT_SET"
  | "INVALID_SELLER"
  | "INVALID_LOOK"
  | "INVALID_NUMBERING"
  | "INVALID_INPUT"
  | "CANNOT_INVOICE"
  | "INVALID_CREDIT"
  | "RENDER_FAILED";

export interface InvoiceErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class InvoiceError extends Error {
  constructor(
    readonly code: InvoiceErrorCode,
    message: string,
    readonly details: readonly InvoiceErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "InvoiceError";
  }
}
