import type { Content } from "pdfmake/interfaces";
import type { DocumentContext } from "../context.ts";

/** The document's references: number, dates, receipt and buyer reference, as label/value rows. */
export function metaRows(ctx: DocumentContext): [Content, Content][] {
  const { invoice, look } = ctx;
  const rows: [Content, Content][] = [
    [
      { text: ctx.label("number"), style: "caption" },
      { text: ctx.t(invoice.number, "number", "bold"), bold: true },
    ],
    [{ text: ctx.label("issueDate"), style: "caption" }, ctx.date(invoice.issueDate)],
  ];
  const settled = invoice.totals.due.isZero() && !invoice.totals.paid.isZero();
  if (invoice.paymentTerms.dueDate && !settled && !ctx.creditNote) {
    rows.push([
      { text: ctx.label("dueDate"), style: "caption" },
      ctx.date(invoice.paymentTerms.dueDate),
    ]);
  }
  if (invoice.deliveryDate && invoice.deliveryDate !== invoice.issueDate) {
    rows.push([
      { text: ctx.label("deliveryDate"), style: "caption" },
      ctx.date(invoice.deliveryDate),
    ]);
  }
  if (look.blocks.saleReference && invoice.sale) {
    rows.push([
      { text: ctx.label("saleReference"), style: "caption" },
      { text: ctx.t(invoice.sale.uniqueId ?? String(invoice.sale.saleId), "sale.uniqueId") },
    ]);
  }
  if (invoice.buyer.reference) {
    rows.push([
      { text: ctx.label("buyerReference"), style: "caption" },
      { text: ctx.t(invoice.buyer.reference, "buyer.reference") },
    ]);
  }
  return rows;
}

/** For a credit note: which invoice it corrects, and why. */
export function creditReference(ctx: DocumentContext): Content[] {
  const { invoice } = ctx;
  if (!invoice.precedingInvoice) return [];
  const lines: Content[] = [
    {
      text: ctx.label(
        "creditNoteFor",
        {
          number: invoice.precedingInvoice.number,
          date: ctx.date(invoice.precedingInvoice.issueDate),
        },
        "bold",
      ),
      bold: true,
    },
  ];
  if (invoice.creditReason) {
    lines.push({
      text: ctx.t(ctx.labelText("creditReason", { reason: invoice.creditReason }), "creditReason"),
    });
  }
  return [{ stack: lines, margin: [0, 0, 0, 8] }];
}
