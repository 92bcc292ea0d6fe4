import type { Content, ContentTable, TableCell } from "pdfmake/interfaces";
import type { InvoiceLine } from "../../model/index.ts";
import type { DocumentContext } from "../context.ts";

interface Column {
  readonly header: TableCell;
  readonly width: string | number;
  readonly cell: (line: InvoiceLine) => TableCell;
}

function unitLabel(ctx: DocumentContext, code: string): string {
  if (code === "KGM") return ctx.labelText("unitKilogram");
  if (code === "C62" || code === "H87") return ctx.labelText("unitPiece");
  return code;
}

function discountText(ctx: DocumentContext, line: InvoiceLine): string {
  if (line.discountPercent !== null && !line.discountPercent.isZero())
    return `-${ctx.percent(line.discountPercent)}`;
  if (line.priceDiscount !== null && !line.priceDiscount.isZero())
    return `-${ctx.price(line.priceDiscount)}`;
  return "";
}

function columns(ctx: DocumentContext): Column[] {
  const { look } = ctx;
  const right = (text: string | Content[], bold = false): TableCell => ({
    text,
    alignment: "right",
    bold,
    noWrap: true,
  });
  const header = (
    key: Parameters<DocumentContext["label"]>[0],
    alignment: "left" | "right" = "right",
  ): TableCell => ({
    text: ctx.label(key, {}, "bold"),
    style: "tableHeader",
    alignment,
  });
  const list: (Column | false)[] = [
    {
      header: header("columnDescription", "left"),
      width: "*",
      cell: (line) => ({
        stack: [
          { text: ctx.t(line.name, `line ${line.id} name`) },
          ...(line.description
            ? [{ text: ctx.t(line.description, `line ${line.id} description`), style: "muted" }]
            : []),
        ],
      }),
    },
    look.columns.sku && {
      header: header("columnSku", "left"),
      width: "auto",
      cell: (line) => ({
        text: ctx.t(line.sellerItemId ?? "", `line ${line.id} sku`),
        style: "muted",
      }),
    },
    look.columns.barcode && {
      header: header("columnBarcode", "left"),
      width: "auto",
      cell: (line) => ({
        text: ctx.t(line.barcode ?? "", `line ${line.id} barcode`),
        style: "muted",
      }),
    },
    {
      header: header("columnQuantity"),
      width: "auto",
      cell: (line) => right(ctx.quantity(line.quantity)),
    },
    look.columns.unit && {
      header: header("columnUnit", "left"),
      width: "auto",
      cell: (line) => ({ text: ctx.t(unitLabel(ctx, line.unitCode), `line ${line.id} unit`) }),
    },
    {
      header: header("columnUnitPrice"),
      width: "auto",
      // With the discount column the catalogue price is shown, and the discount next to it.
      cell: (line) =>
        right(
          ctx.price(look.columns.discount ? (line.grossPrice ?? line.netPrice) : line.netPrice),
        ),
    },
    look.columns.discount && {
      header: header("columnDiscount"),
      width: "auto",
      cell: (line) => right(discountText(ctx, line)),
    },
    {
      header: header("columnVatRate"),
      width: "auto",
      cell: (line) => right(ctx.percent(line.vat.rate.percent)),
    },
    {
      header: header("columnNetAmount"),
      width: "auto",
      cell: (line) => right(ctx.amount(line.netAmount)),
    },
    look.columns.grossAmount && {
      header: header("columnGrossAmount"),
      width: "auto",
      cell: (line) => right(ctx.amount(line.grossAmount)),
    },
  ];
  return list.filter((column): column is Column => column !== false);
}

/**
 * The line table. Its header row repeats on every page (`headerRows`) and a row is never split
 * across pages (`dontBreakRows`).
 */
export function lineTable(ctx: DocumentContext, layout: ContentTable["layout"]): ContentTable {
  const shown = columns(ctx);
  const body: TableCell[][] = [
    shown.map((column) => column.header),
    ...ctx.invoice.lines.map((line) => shown.map((column) => column.cell(line))),
  ];
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      keepWithHeaderRows: 1,
      widths: shown.map((column) => column.width),
      body,
    },
    layout,
  };
}
