import type { Content, TableCell } from "pdfmake/interfaces";
import type { DocumentContext } from "../context.ts";

/** The VAT breakdown: one row per category and rate (BG-23). */
export function vatTable(ctx: DocumentContext): Content {
  const header = (
    key: Parameters<DocumentContext["label"]>[0],
    alignment: "left" | "right" = "right",
  ): TableCell => ({
    text: ctx.label(key, {}, "bold"),
    style: "smallHeader",
    alignment,
  });
  const rows: TableCell[][] = ctx.invoice.vatBreakdown.map((entry) => [
    {
      text:
        entry.category.code === "S"
          ? ctx.percent(entry.category.rate.percent)
          : `${ctx.percent(entry.category.rate.percent)} (${entry.category.code})`,
    },
    { text: ctx.amount(entry.taxableAmount), alignment: "right" },
    { text: ctx.amount(entry.taxAmount), alignment: "right" },
  ]);
  return {
    stack: [
      { text: ctx.label("vatBreakdownTitle", {}, "bold"), bold: true, margin: [0, 0, 0, 3] },
      {
        table: {
          widths: ["auto", "auto", "auto"],
          body: [[header("vatRate", "left"), header("vatBase"), header("vatAmount")], ...rows],
        },
        layout: "lightHorizontalLines",
      },
    ],
  };
}

/** Totals down to what remains to pay (or, for a credit note, to deduct). */
export function totalsRows(
  ctx: DocumentContext,
): { label: string | Content[]; value: string; strong?: boolean }[] {
  const { totals } = ctx.invoice;
  const rows: { label: string | Content[]; value: string; strong?: boolean }[] = [
    { label: ctx.label("totalExclVat"), value: ctx.money(totals.taxExclusive) },
    { label: ctx.label("totalVat"), value: ctx.money(totals.taxTotal) },
    {
      label: ctx.label("totalInclVat", {}, "bold"),
      value: ctx.money(totals.taxInclusive),
      strong: true,
    },
  ];
  if (!totals.rounding.isZero())
    rows.push({ label: ctx.label("rounding"), value: ctx.money(totals.rounding) });
  if (!totals.paid.isZero()) {
    rows.push({
      label: ctx.label(ctx.creditNote ? "refunded" : "paid"),
      value: ctx.money(totals.paid.neg()),
    });
  }
  rows.push({
    label: ctx.label(
      ctx.creditNote ? "amountToDeduct" : totals.due.isZero() ? "nothingDue" : "amountDue",
      {},
      "bold",
    ),
    value: ctx.money(totals.due),
    strong: true,
  });
  return rows;
}
