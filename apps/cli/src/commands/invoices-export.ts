import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { DatabaseOrTransaction, schema } from "@comptoir/db";
import { findInvoice, type InvoiceSummary, listInvoices } from "@comptoir/invoices";
import yazl from "yazl";

/**
 * A spreadsheet cell: quoted when needed, and text a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, tab, carriage return first) prefixed with `'` so it stays text.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const fileName = (invoice: InvoiceSummary) =>
  `${invoice.kind === "credit-note" ? "Avoir" : "Facture"}-${invoice.number.replace(/[^A-Za-z0-9+_-]/g, "-")}.pdf`;

/** A stream that loads one PDF from the database only when the zip writer reaches it. */
function lazyPdf(db: DatabaseOrTransaction, id: string): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      findInvoice(db, id).then(
        (row) => {
          this.push(Buffer.from(row.pdf));
          this.push(null);
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}

export interface ExportResult {
  readonly file: string;
  readonly documents: number;
  readonly invoices: number;
  readonly creditNotes: number;
}

/**
 * Writes every PDF of a period and an `index.csv` into a zip, streamed: one PDF in memory at a
 * time. The file appears under its name only once complete.
 */
export async function exportInvoices(
  db: DatabaseOrTransaction,
  account: schema.Account,
  range: { readonly from: string; readonly to: string },
  out: string,
): Promise<ExportResult> {
  const documents = await listInvoices(db, account, range);
  const numbers = new Map(documents.map((d) => [d.id, d.number]));
  const zip = new yazl.ZipFile();
  const mtime = new Date(`${range.to}T00:00:00Z`);
  const header = [
    "number",
    "kind",
    "issue_date",
    "sale_id",
    "original_invoice",
    "buyer",
    "total_excl_vat",
    "total_vat",
    "total_incl_vat",
    "amount_due",
    "file",
    "pdf_sha256",
  ];
  const rows = documents.map((d) =>
    [
      d.number,
      d.kind,
      d.issueDate,
      d.saleId,
      d.originalInvoiceId ? (numbers.get(d.originalInvoiceId) ?? d.originalInvoiceId) : null,
      d.buyerName,
      d.totalExclVat,
      d.totalVat,
      d.totalInclVat,
      d.amountDue,
      fileName(d),
      d.pdfSha256,
    ]
      .map(csvCell)
      .join(","),
  );
  // A byte-order mark so spreadsheets read the names as UTF-8.
  const csv = `\uFEFF${[header.join(","), ...rows].join("\r\n")}\r\n`;
  zip.addBuffer(Buffer.from(csv, "utf8"), "index.csv", { mtime });
  // PDFs are compressed already: stored as they are.
  for (const document of documents) {
    zip.addReadStream(lazyPdf(db, document.id), fileName(document), { mtime, compress: false });
  }
  zip.end();
  const partial = `${out}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return {
    file: out,
    documents: documents.length,
    invoices: documents.filter((d) => d.kind === "invoice").length,
    creditNotes: documents.filter((d) => d.kind === "credit-note").length,
  };
}
