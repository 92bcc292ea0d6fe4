import { type DatabaseOrTransaction, queryRows, schema } from "@comptoir/db";
import { sql } from "drizzle-orm";
import { formatInvoiceNumber, parseNumberPattern, sequencePeriod } from "../numbering/pattern.ts";
import type { Numbering } from "./settings.ts";

export interface TakenNumber {
  readonly number: string;
  readonly sequence: number;
  readonly period: string;
}

/**
 * The next number of a series, inside the caller's transaction. The counter row is created or
 * incremented in one statement, which keeps it locked until the transaction ends: issuers of the
 * same series queue here, so numbers follow commit order without gaps, and a rollback gives the
 * number back (never `max()+1`, never a sequence, which would leave gaps on rollback).
 */
export async function takeNextNumber(
  tx: DatabaseOrTransaction,
  accountId: string,
  kind: schema.InvoiceKind,
  numbering: Numbering,
  issueDate: string,
): Promise<TakenNumber> {
  const [pattern, reset] =
    kind === "invoice"
      ? [numbering.invoicePattern, numbering.invoiceReset]
      : [numbering.creditNotePattern, numbering.creditNoteReset];
  const parsed = parseNumberPattern(pattern, { reset });
  const period = sequencePeriod(reset, issueDate);
  const [row] = await queryRows<{ last_number: number }>(
    tx,
    sql`insert into ${schema.invoiceSeries} (account_id, kind, period, last_number)
        values (${accountId}, ${kind}, ${period}, 1)
        on conflict (account_id, kind, period)
        do update set last_number = ${schema.invoiceSeries}.last_number + 1
        returning last_number`,
  );
  const sequence = Number(row?.last_number);
  return { number: formatInvoiceNumber(parsed, { date: issueDate, sequence }), sequence, period };
}
