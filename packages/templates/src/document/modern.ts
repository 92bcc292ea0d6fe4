import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { footer } from "./blocks/footer.ts";
import { lineTable } from "./blocks/lines.ts";
import { mentionsBlock, notesBlock, qrBlock } from "./blocks/mentions.ts";
import { creditReference, metaRows } from "./blocks/meta.ts";
import { buyerBlock, sellerBlock } from "./blocks/parties.ts";
import { paymentBlock } from "./blocks/payment.ts";
import { totalsRows, vatTable } from "./blocks/totals.ts";
import type { DocumentContext } from "./context.ts";
import { baseStyles, tableLayouts } from "./styles.ts";

/** Totals in a box of the accent colour, the last row reversed out in white. */
function totalsBox(ctx: DocumentContext): Content {
  const rows = totalsRows(ctx);
  const accent = ctx.look.colors.accent;
  return {
    table: {
      widths: ["*", "auto"],
      body: rows.map((row, index) => {
        const last = index === rows.length - 1;
        const style = {
          bold: row.strong ?? false,
          color: last ? "#ffffff" : undefined,
          fillColor: last ? accent : "#f4f6f9",
        };
        return [
          { text: row.label, ...style, margin: [6, last ? 4 : 2, 0, last ? 4 : 2] },
          {
            text: row.value,
            alignment: "right",
            noWrap: true,
            ...style,
            margin: [0, last ? 4 : 2, 6, last ? 4 : 2],
          },
        ];
      }),
    },
    layout: "noBorders",
  };
}

/** The modern template: accent band, large title, side-by-side parties, zebra table. */
export function modernDocument(ctx: DocumentContext): TDocumentDefinitions {
  const { look } = ctx;
  const accent = look.colors.accent;
  const titleRow: Content = {
    columns: [
      {
        width: "*",
        stack: [
          {
            text: ctx.label(ctx.creditNote ? "creditNoteTitle" : "invoiceTitle", {}, "bold"),
            style: "title",
            fontSize: 26,
          },
          {
            text: ctx.t(ctx.invoice.number, "number", "bold"),
            bold: true,
            fontSize: 12,
            color: look.colors.muted,
          },
        ],
      },
      ...(look.logo
        ? [{ width: "auto", stack: [{ image: "logo", fit: [look.logoWidth, 60] }] } as Content]
        : []),
    ],
    margin: [0, 0, 0, 18],
  };
  const parties: Content = {
    columns: [
      { width: "*", stack: [{ text: ctx.label("seller"), style: "caption" }, sellerBlock(ctx)] },
      { width: "*", stack: buyerBlock(ctx) },
      {
        width: 150,
        table: {
          widths: ["auto", "*"],
          body: metaRows(ctx).map(([label, value]) => [label, value]),
        },
        layout: "noBorders",
      },
    ],
    columnGap: 16,
    margin: [0, 0, 0, 16],
  };
  const closing: Content = {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    stack: [
      {
        columns: [
          {
            width: "*",
            stack: [vatTable(ctx), { stack: paymentBlock(ctx), margin: [0, 10, 0, 0] }],
          },
          {
            width: 230,
            stack: [
              totalsBox(ctx),
              { stack: [qrBlock(ctx) ?? { text: "" }], margin: [0, 10, 0, 0] },
            ],
          },
        ],
        columnGap: 24,
      },
      mentionsBlock(ctx),
      notesBlock(ctx) ?? { text: "" },
    ],
  };
  return {
    pageSize: "A4",
    pageMargins: [40, 48, 40, 64],
    background: () => ({ canvas: [{ type: "rect", x: 0, y: 0, w: 595.28, h: 10, color: accent }] }),
    content: [
      titleRow,
      parties,
      ...creditReference(ctx),
      lineTable(ctx, tableLayouts(look).modern),
      closing,
    ],
    footer: footer(ctx),
    styles: baseStyles(look),
    defaultStyle: { font: ctx.fontName, fontSize: 8.5, color: look.colors.text, lineHeight: 1.15 },
  };
}
