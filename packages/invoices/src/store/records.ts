import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { and, asc, eq, gte, lte, type SQL } from "drizzle-orm";
import { InvoiceError } from "./errors.ts";

/** What is shown about an issued document: everything but its bytes. */
export interface InvoiceSummary {
  readonly id: string;
  readonly accountId: string;
  readonly kind: schema.InvoiceKind;
  readonly number: string;
  readonly issueDate: string;
  readonly saleId: number | null;
  readonly originalInvoiceId: string | null;
  readonly buyerName: string;
  /** Decimal strings ("79.50"), exact. */
  readonly totalExclVat: string;
  readonly totalVat: string;
  readonly totalInclVat: string;
  readonly amountDue: string;
  readonly pdfSha256: string;
  readonly xmlSha256: string;
  readonly createdAt: Date;
}

/** Columns of a summary: listing never loads the PDF and XML bytes. */
export const summaryColumns = {
  id: schema.invoices.id,
  accountId: schema.invoices.accountId,
  kind: schema.invoices.kind,
  number: schema.invoices.number,
  issueDate: schema.invoices.issueDate,
  saleId: schema.invoices.saleId,
  originalInvoiceId: schema.invoices.originalInvoiceId,
  buyerName: schema.invoices.buyerName,
  totalExclVat: schema.invoices.totalExclVat,
  totalVat: schema.invoices.totalVat,
  totalInclVat: schema.invoices.totalInclVat,
  amountDue: schema.invoices.amountDue,
  pdfSha256: schema.invoices.pdfSha256,
  xmlSha256: schema.invoices.xmlSha256,
  createdAt: schema.invoices.createdAt,
};

export interface ListInvoicesOptions {
  readonly from?: string;
  readonly to?: string;
  readonly kind?: schema.InvoiceKind;
}

/** An account's invoices and credit notes, by issue date then number. */
export async function listInvoices(
  db: DatabaseOrTransaction,
  account: schema.Account,
  options: ListInvoicesOptions = {},
): Promise<InvoiceSummary[]> {
  const conditions: SQL[] = [eq(schema.invoices.accountId, account.id)];
  if (options.from) conditions.push(gte(schema.invoices.issueDate, options.from));
  if (options.to) conditions.push(lte(schema.invoices.issueDate, options.to));
  if (options.kind) conditions.push(eq(schema.invoices.kind, options.kind));
  return db
    .select(summaryColumns)
    .from(schema.invoices)
    .where(and(...conditions))
    .orderBy(
      asc(schema.invoices.issueDate),
      asc(schema.invoices.kind),
      asc(schema.invoices.number),
    );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The stored invoice named by its id, its number, or `ACCOUNT:NUMBER` when several accounts use
 * the same number. With `account`, the number is looked up in that account only.
 */
export async function findInvoice(
  db: DatabaseOrTransaction,
  reference: string,
  account?: schema.Account,
): Promise<schema.InvoiceRow> {
  const trimmed = reference.trim();
  const conditions: SQL[] = [];
  let number = trimmed;
  let accountName: string | undefined;
  if (UUID.test(trimmed)) conditions.push(eq(schema.invoices.id, trimmed.toLowerCase()));
  else {
    const colon = trimmed.indexOf(":");
    if (colon > 0 && !account) {
      accountName = trimmed.slice(0, colon);
      number = trimmed.slice(colon + 1);
    }
    conditions.push(eq(schema.invoices.number, number));
  }
  if (account) conditions.push(eq(schema.invoices.accountId, account.id));
  if (accountName) conditions.push(eq(schema.accounts.name, accountName));
  const rows = await db
    .select({ invoice: schema.invoices, accountName: schema.accounts.name })
    .from(schema.invoices)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.invoices.accountId))
    .where(and(...conditions));
  const [first, second] = rows;
  if (!first) {
    throw new InvoiceError(
      "INVOICE_NOT_FOUND",
      `no invoice or credit note "${trimmed}": \`comptoir invoices list ACCOUNT\` lists them`,
    );
  }
  if (second) {
    throw new InvoiceError(
      "AMBIGUOUS_INVOICE",
      `several accounts have a document numbered "${number}" (${rows.map((r) => r.accountName).join(", ")}): name it as ACCOUNT:${number}`,
    );
  }
  return first.invoice;
}

export function summarizeInvoice(row: schema.InvoiceRow): InvoiceSummary {
  return {
    id: row.id,
    accountId: row.accountId,
    kind: row.kind,
    number: row.number,
    issueDate: row.issueDate,
    saleId: row.saleId,
    originalInvoiceId: row.originalInvoiceId,
    buyerName: row.buyerName,
    totalExclVat: row.totalExclVat,
    totalVat: row.totalVat,
    totalInclVat: row.totalInclVat,
    amountDue: row.amountDue,
    pdfSha256: row.pdfSha256,
    xmlSha256: row.xmlSha256,
    createdAt: row.createdAt,
  };
}

/** One document in full: its summary, its frozen content, and the credit notes against it. */
export async function showInvoice(
  db: DatabaseOrTransaction,
  reference: string,
  account?: schema.Account,
) {
  const row = await findInvoice(db, reference, account);
  const credits = await db
    .select(summaryColumns)
    .from(schema.invoices)
    .where(eq(schema.invoices.originalInvoiceId, row.id))
    .orderBy(asc(schema.invoices.number));
  const original = row.originalInvoiceId
    ? ((
        await db
          .select(summaryColumns)
          .from(schema.invoices)
          .where(eq(schema.invoices.id, row.originalInvoiceId))
      )[0] ?? null)
    : null;
  return {
    ...summarizeInvoice(row),
    pdfBytes: row.pdf.byteLength,
    xmlBytes: row.xml.byteLength,
    snapshot: JSON.parse(row.snapshot) as unknown,
    creditNotes: credits,
    original,
  };
}
