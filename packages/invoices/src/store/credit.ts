import { randomUUID } from "node:crypto";
import { openAccountClient } from "@comptoir/accounts";
import { Decimal, HiboutikNotFoundError, type Sale } from "@comptoir/api-client";
import { type Database, queryRows, schema } from "@comptoir/db";
import type { Invoice } from "@comptoir/templates";
import { sql } from "drizzle-orm";
import {
  buildCreditNote,
  buildCreditNoteFromReturn,
  type CreditSelection,
  type Refund,
} from "../build/credit-note.ts";
import { InvoiceBuildError } from "../build/errors.ts";
import { parseInvoiceSnapshot } from "../snapshot.ts";
import { InvoiceError } from "./errors.ts";
import { type InvoiceServices, localDate, qrLinkFor, renderAndStore } from "./issue.ts";
import { takeNextNumber } from "./numbering.ts";
import { findInvoice, type InvoiceSummary, summarizeInvoice } from "./records.ts";
import { getInvoiceSettings, requireSeller } from "./settings.ts";

export interface CreditInvoiceInput {
  /** Default: the whole invoice. */
  readonly selection?: CreditSelection;
  /** Printed on the credit note; default "Annulation de la facture N". */
  readonly reason?: string;
  /** Refunded at the till (settled); absent: the amount is due to the buyer. */
  readonly refund?: Refund | null;
}

export interface CreditResult {
  readonly creditNote: InvoiceSummary;
  readonly original: InvoiceSummary;
  readonly missingGlyphs: readonly string[];
}

const cents = (value: string) => Decimal.parse(value).round(2).units;

interface CreditContext {
  readonly account: schema.Account;
  readonly original: schema.InvoiceRow;
  readonly build: (number: string, issueDate: string) => Invoice;
  readonly saleId: number | null;
  /** A full credit is refused once the invoice has any credit note. */
  readonly full: boolean;
}

/**
 * Numbers, builds, checks and stores a credit note in one transaction on the credit-note series:
 * it is refused (and takes no number) when it would credit more than the invoice still carries.
 */
async function issueCreditNote(
  db: Database,
  services: InvoiceServices,
  settings: Awaited<ReturnType<typeof getInvoiceSettings>>,
  credit: CreditContext,
): Promise<CreditResult> {
  const { account, original: row } = credit;
  const now = services.now?.() ?? new Date();
  const issueDate = localDate(now, services.timeZone);
  const id = randomUUID();
  const qrLink = qrLinkFor(services, id, now);
  const stored = await db.transaction(async (tx) => {
    const { number } = await takeNextNumber(
      tx,
      account.id,
      "credit-note",
      settings.numbering,
      issueDate,
    );
    // Serialized by the credit-note counter: the sum below cannot change under us.
    const [credited] = await queryRows<{ total: string | null; count: number }>(
      tx,
      sql`select sum(total_incl_vat)::text as total, count(*)::int as count
          from ${schema.invoices} where original_invoice_id = ${row.id}`,
    );
    const creditedCents = credited?.total ? cents(credited.total) : 0n;
    if (credit.full && (credited?.count ?? 0) > 0) {
      throw new InvoiceError(
        "INVALID_CREDIT",
        `${row.number} already has ${credited?.count} credit note(s) for ${credited?.total} EUR: credit what is left with chosen lines or an amount`,
      );
    }
    let creditNote: Invoice;
    try {
      creditNote = credit.build(number, issueDate);
    } catch (error) {
      if (error instanceof InvoiceBuildError) {
        throw new InvoiceError("INVALID_CREDIT", error.message, [], { cause: error });
      }
      throw error;
    }
    const left = cents(row.totalInclVat) - creditedCents;
    if (cents(creditNote.totals.taxInclusive.toString()) > left) {
      throw new InvoiceError(
        "INVALID_CREDIT",
        `this credit note (${creditNote.totals.taxInclusive} EUR) exceeds what ${row.number} still carries (${Decimal.of(left, 2)} EUR after earlier credit notes)`,
      );
    }
    return renderAndStore(tx, services, {
      id,
      account,
      kind: "credit-note",
      invoice: creditNote,
      look: settings.look,
      qrLink,
      saleId: credit.saleId,
      originalInvoiceId: row.id,
    });
  });
  return {
    creditNote: summarizeInvoice(stored.row),
    original: summarizeInvoice(row),
    missingGlyphs: stored.missingGlyphs,
  };
}

async function invoiceAndAccount(db: Database, reference: string, account?: schema.Account) {
  const row = await findInvoice(db, reference, account);
  if (row.kind !== "invoice") {
    throw new InvoiceError(
      "INVALID_CREDIT",
      `${row.number} is a credit note: credit the invoice itself`,
    );
  }
  const [owner] = await db
    .select()
    .from(schema.accounts)
    .where(sql`${schema.accounts.id} = ${row.accountId}`);
  if (!owner) throw new InvoiceError("INVOICE_NOT_FOUND", `the account of ${row.number} is gone`);
  return { row, account: owner };
}

/**
 * Issues a credit note (type 381) against an issued invoice: all of it, chosen lines (or part of
 * their quantity) or an amount. It takes the next number of the account's credit-note series in
 * its own transaction, references the invoice's number and date, and is refused when it would
 * credit more than the invoice still carries after earlier credit notes.
 */
export async function creditInvoice(
  db: Database,
  services: InvoiceServices,
  reference: string,
  input: CreditInvoiceInput = {},
): Promise<CreditResult> {
  const { row, account } = await invoiceAndAccount(db, reference);
  const settings = await getInvoiceSettings(db, account);
  const seller = requireSeller(account, settings);
  const original: Invoice = parseInvoiceSnapshot(row.snapshot);
  const selection = input.selection ?? { kind: "all" };
  const reason = input.reason?.trim() || `Annulation de la facture ${row.number}`;
  return issueCreditNote(db, services, settings, {
    account,
    original: row,
    saleId: row.saleId,
    full: selection.kind === "all",
    build: (number, issueDate) =>
      buildCreditNote({
        original,
        seller,
        number,
        issueDate,
        selection,
        reason,
        refund: input.refund ?? null,
      }),
  });
}

/**
 * The credit note for items a customer gave back in a later POS sale (its negative lines),
 * against the invoice of the original purchase: settled by the till's refund, or set off against
 * what that sale sold. The later sale is read through the account's API client.
 */
export async function creditReturn(
  db: Database,
  services: InvoiceServices,
  reference: string,
  input: { readonly saleId: number; readonly reason?: string },
): Promise<CreditResult> {
  const { row, account } = await invoiceAndAccount(db, reference);
  const settings = await getInvoiceSettings(db, account);
  const seller = requireSeller(account, settings);
  const original: Invoice = parseInvoiceSnapshot(row.snapshot);
  const client = await openAccountClient(db, services, account);
  let sale: Sale;
  try {
    sale = await client.client.sales.get(input.saleId);
  } catch (error) {
    if (error instanceof HiboutikNotFoundError) {
      throw new InvoiceError("SALE_NOT_FOUND", `Hiboutik has no sale ${input.saleId}`, [], {
        cause: error,
      });
    }
    throw error;
  } finally {
    await client.usage.flush(db);
  }
  return issueCreditNote(db, services, settings, {
    account,
    original: row,
    saleId: sale.id,
    full: false,
    build: (number, issueDate) =>
      buildCreditNoteFromReturn({
        sale,
        original,
        seller,
        number,
        issueDate,
        ...(input.reason ? { reason: input.reason } : {}),
      }),
  });
}
