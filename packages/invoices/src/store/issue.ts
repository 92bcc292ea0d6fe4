import { createHash, randomUUID } from "node:crypto";
import { type AccountClient, type ClientServices, openAccountClient } from "@comptoir/accounts";
import { HiboutikNotFoundError, type Sale } from "@comptoir/api-client";
import { signLink } from "@comptoir/auth";
import { type Database, type DatabaseOrTransaction, schema } from "@comptoir/db";
import type { Invoice, Look } from "@comptoir/templates";
import { and, eq } from "drizzle-orm";
import { InvoiceBuildError } from "../build/errors.ts";
import { buildInvoice } from "../build/invoice.ts";
import { type BuyerDetailsInput, buyerDetailsFromCustomer } from "../identity/buyer-details.ts";
import { invoiceUrl } from "../links.ts";
import { renderInvoicePdf } from "../pdf/render.ts";
import type { RenderedPdf, RenderOptions } from "../pdf/render-here.ts";
import { serializeInvoice } from "../snapshot.ts";
import { InvoiceError } from "./errors.ts";
import { takeNextNumber } from "./numbering.ts";
import { type InvoiceSummary, summarizeInvoice } from "./records.ts";
import { getInvoiceSettings, requireSeller } from "./settings.ts";

export type RenderInvoice = (
  invoice: Invoice,
  look: Look,
  options: RenderOptions,
) => Promise<RenderedPdf>;

export interface InvoiceServices extends ClientServices {
  /** Where customers reach the service; without it invoices carry no QR link. */
  readonly publicUrl?: string | null;
  /** Defaults to the shared worker pool (`renderInvoicePdf`). */
  readonly render?: RenderInvoice;
  /** The shop's time zone, for issue dates; default Europe/Paris. */
  readonly timeZone?: string;
  /** Validity of the link printed as a QR code, in days; default 400. */
  readonly qrLinkDays?: number;
}

export interface IssueInvoiceInput {
  readonly saleId: number;
  /** Buyer details given at issuance; default: the sale's customer, or a walk-in customer. */
  readonly buyer?: BuyerDetailsInput | null;
  readonly notes?: readonly string[];
}

export interface IssueResult {
  readonly invoice: InvoiceSummary;
  /** False when the sale had been invoiced before (the same invoice is returned). */
  readonly created: boolean;
  /** Characters no embedded font could draw (reported, printed as blanks). */
  readonly missingGlyphs: readonly string[];
}

/** "YYYY-MM-DD" of an instant in a time zone. */
export function localDate(instant: Date, timeZone = "Europe/Paris"): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export async function invoiceOfSale(
  db: DatabaseOrTransaction,
  accountId: string,
  saleId: number,
): Promise<schema.InvoiceRow | undefined> {
  const [row] = await db
    .select()
    .from(schema.invoices)
    .where(
      and(
        eq(schema.invoices.accountId, accountId),
        eq(schema.invoices.kind, "invoice"),
        eq(schema.invoices.saleId, saleId),
      ),
    );
  return row;
}

async function readSale(client: AccountClient, saleId: number): Promise<Sale> {
  try {
    return await client.client.sales.get(saleId);
  } catch (error) {
    if (error instanceof HiboutikNotFoundError) {
      throw new InvoiceError("SALE_NOT_FOUND", `Hiboutik has no sale ${saleId}`, [], {
        cause: error,
      });
    }
    throw error;
  }
}

/** The sale's customer as buyer (billing address preferred), or null for a walk-in sale. */
async function saleBuyer(client: AccountClient, sale: Sale): Promise<BuyerDetailsInput | null> {
  if (sale.customerId === null) return null;
  const customer = await client.client.customers.get(sale.customerId);
  const billing =
    customer.addresses.find((address) => address.id === sale.billingAddressId) ?? null;
  return buyerDetailsFromCustomer(customer, billing);
}

function cannotInvoice(error: unknown): never {
  if (error instanceof InvoiceBuildError) {
    throw new InvoiceError(
      error.problem === "invalid-credit" ? "INVALID_CREDIT" : "CANNOT_INVOICE",
      error.message,
      error.details.map((message) => ({ path: error.problem, message })),
      { cause: error },
    );
  }
  throw error;
}

export interface StoreDocumentInput {
  readonly id: string;
  readonly account: schema.Account;
  readonly kind: schema.InvoiceKind;
  readonly invoice: Invoice;
  readonly look: Look;
  readonly qrLink: string | null;
  readonly saleId: number | null;
  readonly originalInvoiceId: string | null;
}

/** Renders a built document and inserts it, with its hashes, in the caller's transaction. */
export async function renderAndStore(
  tx: DatabaseOrTransaction,
  services: InvoiceServices,
  input: StoreDocumentInput,
): Promise<{ row: schema.InvoiceRow; missingGlyphs: readonly string[] }> {
  const render = services.render ?? renderInvoicePdf;
  let rendered: RenderedPdf;
  try {
    rendered = await render(input.invoice, input.look, {
      language: input.look.language,
      qrLink: input.qrLink,
    });
  } catch (error) {
    throw new InvoiceError(
      "RENDER_FAILED",
      `the PDF of ${input.invoice.number} could not be rendered (${(error as Error).message}); nothing was issued`,
      [],
      { cause: error },
    );
  }
  const xml = new TextEncoder().encode(rendered.xml);
  const { totals } = input.invoice;
  const [row] = await tx
    .insert(schema.invoices)
    .values({
      id: input.id,
      accountId: input.account.id,
      kind: input.kind,
      number: input.invoice.number,
      issueDate: input.invoice.issueDate,
      saleId: input.saleId,
      originalInvoiceId: input.originalInvoiceId,
      snapshot: serializeInvoice(input.invoice),
      look: input.look,
      language: input.look.language,
      qrLink: input.qrLink,
      pdf: rendered.pdf,
      xml,
      pdfSha256: sha256Hex(rendered.pdf),
      xmlSha256: sha256Hex(xml),
      buyerName: input.invoice.buyer.name,
      totalExclVat: totals.taxExclusive.toString(),
      totalVat: totals.taxTotal.toString(),
      totalInclVat: totals.taxInclusive.toString(),
      amountDue: totals.due.toString(),
    })
    .returning();
  if (!row) throw new Error("the invoice insert returned no row");
  return {
    row,
    missingGlyphs: rendered.missingGlyphs.map(
      (glyph) => `${glyph.character} (${glyph.codePoint}) in ${glyph.field}`,
    ),
  };
}

/** The link a document's QR code opens, signed before the document exists (its id is chosen first). */
export function qrLinkFor(services: InvoiceServices, id: string, now: Date): string | null {
  if (!services.publicUrl) return null;
  const days = services.qrLinkDays ?? 400;
  const expiresAt = new Date(Math.floor(now.getTime() / 86_400_000 + days) * 86_400_000);
  return invoiceUrl(
    services.publicUrl,
    signLink(services.ring, { purpose: "invoice", subject: id, expiresAt }),
  );
}

class AlreadyIssued extends Error {
  constructor(readonly row: schema.InvoiceRow) {
    super("already issued");
  }
}

/**
 * Issues the invoice of a closed POS sale, once: the sale is read through the account's API
 * client, then in one transaction the next number of the invoice series is taken (its counter
 * row stays locked until commit), the invoice is built, rendered (PDF/A-3b with Factur-X) and
 * stored with its hashes. Any failure rolls the whole back: no number is consumed. Issuing the
 * same sale again returns the invoice issued before.
 */
export async function issueInvoice(
  db: Database,
  services: InvoiceServices,
  account: schema.Account,
  input: IssueInvoiceInput,
): Promise<IssueResult> {
  if (!Number.isSafeInteger(input.saleId) || input.saleId < 1) {
    throw new InvoiceError("INVALID_INPUT", `a sale id is a whole number ≥ 1, not ${input.saleId}`);
  }
  const before = await invoiceOfSale(db, account.id, input.saleId);
  if (before) return { invoice: summarizeInvoice(before), created: false, missingGlyphs: [] };
  const settings = await getInvoiceSettings(db, account);
  const seller = requireSeller(account, settings);
  const client = await openAccountClient(db, services, account);
  let sale: Sale;
  let buyer: BuyerDetailsInput | null;
  try {
    sale = await readSale(client, input.saleId);
    buyer = input.buyer !== undefined ? input.buyer : await saleBuyer(client, sale);
  } finally {
    await client.usage.flush(db);
  }
  const now = services.now?.() ?? new Date();
  const issueDate = localDate(now, services.timeZone);
  const id = randomUUID();
  const qrLink = qrLinkFor(services, id, now);
  // Fail before numbering when the sale cannot make an invoice at all.
  try {
    buildInvoice({ sale, seller, buyer, number: "DRAFT", issueDate, notes: input.notes });
  } catch (error) {
    cannotInvoice(error);
  }
  try {
    const stored = await db.transaction(async (tx) => {
      const { number } = await takeNextNumber(
        tx,
        account.id,
        "invoice",
        settings.numbering,
        issueDate,
      );
      // Another issuer of this sale may have committed while this one waited for the counter.
      const raced = await invoiceOfSale(tx, account.id, input.saleId);
      if (raced) throw new AlreadyIssued(raced);
      let invoice: Invoice;
      try {
        invoice = buildInvoice({ sale, seller, buyer, number, issueDate, notes: input.notes });
      } catch (error) {
        cannotInvoice(error);
      }
      return renderAndStore(tx, services, {
        id,
        account,
        kind: "invoice",
        invoice,
        look: settings.look,
        qrLink,
        saleId: sale.id,
        originalInvoiceId: null,
      });
    });
    return {
      invoice: summarizeInvoice(stored.row),
      created: true,
      missingGlyphs: stored.missingGlyphs,
    };
  } catch (error) {
    if (error instanceof AlreadyIssued) {
      return { invoice: summarizeInvoice(error.row), created: false, missingGlyphs: [] };
    }
    if (isUniqueViolation(error)) {
      const row = await invoiceOfSale(db, account.id, input.saleId);
      if (row) return { invoice: summarizeInvoice(row), created: false, missingGlyphs: [] };
    }
    throw error;
  }
}

export interface IssueRangeResult {
  readonly issued: readonly InvoiceSummary[];
  readonly existing: readonly InvoiceSummary[];
  readonly failed: readonly {
    readonly saleId: number;
    readonly code: string;
    readonly message: string;
  }[];
}

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): string[] {
  const pattern = /^\d{4}-\d{2}-\d{2}$/;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!pattern.test(from) || !pattern.test(to) || Number.isNaN(start) || Number.isNaN(end)) {
    throw new InvoiceError("INVALID_INPUT", `dates are YYYY-MM-DD, got "${from}" and "${to}"`);
  }
  if (end < start) throw new InvoiceError("INVALID_INPUT", `--from ${from} is after --to ${to}`);
  if ((end - start) / DAY_MS > 366) {
    throw new InvoiceError("INVALID_INPUT", "issue at most 366 days of sales at once");
  }
  const days: string[] = [];
  for (let at = start; at <= end; at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/**
 * Invoices every sale closed from `from` to `to` (business days, inclusive) in every store of the
 * account, oldest first; sales invoiced before are returned as existing, sales that cannot be
 * invoiced (a refund, an open sale) are reported and skipped.
 */
export async function issueInvoices(
  db: Database,
  services: InvoiceServices,
  account: schema.Account,
  range: { readonly from: string; readonly to: string; readonly buyer?: BuyerDetailsInput | null },
): Promise<IssueRangeResult> {
  const days = daysBetween(range.from, range.to);
  requireSeller(account, await getInvoiceSettings(db, account));
  const client = await openAccountClient(db, services, account);
  const saleIds: number[] = [];
  try {
    const stores = await client.client.stores.list().collect();
    for (const store of stores.values) {
      for (const day of days) {
        for await (const summary of client.client.sales.closed(store.id, day).values()) {
          saleIds.push(summary.id);
        }
      }
    }
  } finally {
    await client.usage.flush(db);
  }
  saleIds.sort((a, b) => a - b);
  const issued: InvoiceSummary[] = [];
  const existing: InvoiceSummary[] = [];
  const failed: { saleId: number; code: string; message: string }[] = [];
  for (const saleId of new Set(saleIds)) {
    try {
      const result = await issueInvoice(db, services, account, {
        saleId,
        ...(range.buyer !== undefined ? { buyer: range.buyer } : {}),
      });
      (result.created ? issued : existing).push(result.invoice);
    } catch (error) {
      if (!(error instanceof InvoiceError) || error.code === "RENDER_FAILED") throw error;
      failed.push({ saleId, code: error.code, message: error.message });
    }
  }
  return { issued, existing, failed };
}
