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

function totalsTable(ctx: DocumentContext): Content {
  return {
    table: {
      widths: ["*", "auto"],
      body: totalsRows(ctx).map((row) => [
        { text: row.label, bold: row.strong ?? false },
        { text: row.value, alignment: "right", bold: row.strong ?? false, noWrap: true },
      ]),
    },
    layout: {
      hLineWidth: (row: number, node) => (row === node.table.body.length - 1 ? 0.8 : 0),
      vLineWidth: () => 0,
      hLineColor: () => ctx.look.colors.accent,
    },
  };
}

/** The classic template: letterhead, boxed buyer, filled table header, totals box on the right. */
export function classicDocument(ctx: DocumentContext): TDocumentDefinitions {
  const { look } = ctx;
  const layouts = tableLayouts(look);
  const header: Content = {
    columns: [
      {
        width: "*",
        stack: [
          ...(look.logo
            ? [{ image: "logo", width: look.logoWidth, margin: [0, 0, 0, 6] } as Content]
            : []),
          sellerBlock(ctx),
        ],
      },
      {
        width: 190,
        stack: [
          {
            text: ctx.label(ctx.creditNote ? "creditNoteTitle" : "invoiceTitle", {}, "bold"),
            style: "title",
            alignment: "right",
          },
          {
            table: {
              widths: ["*", "auto"],
              body: metaRows(ctx).map(([label, value]) => [
                label,
                { stack: [value], alignment: "right" },
              ]),
            },
            layout: "noBorders",
            margin: [0, 4, 0, 0],
          },
        ],
      },
    ],
  };
  const buyer: Content = {
    columns: [
      { width: "*", text: "" },
      {
        width: 240,
        table: { widths: ["*"], body: [[{ stack: buyerBlock(ctx), margin: [6, 4, 6, 4] }]] },
        layout: {
          hLineWidth: () => 0.8,
          vLineWidth: () => 0.8,
          hLineColor: () => look.colors.accent,
          vLineColor: () => look.colors.accent,
        },
      },
    ],
    margin: [0, 14, 0, 14],
  };
  const table = lineTable(ctx, layouts.classic);
  for (const cell of table.table.body[0] ?? []) Object.assign(cell, { color: "#ffffff" });
  const closing: Content = {
    unbreakable: true,
    margin: [0, 12, 0, 0],
    stack: [
      {
        columns: [
          {
            width: "*",
            stack: [vatTable(ctx), { stack: paymentBlock(ctx), margin: [0, 10, 0, 0] }],
          },
          { width: 220, stack: [totalsTable(ctx)] },
        ],
        columnGap: 20,
      },
      {
        columns: [
          { width: "*", stack: [mentionsBlock(ctx), notesBlock(ctx) ?? { text: "" }] },
          { width: "auto", stack: [qrBlock(ctx) ?? { text: "" }], margin: [12, 8, 0, 0] },
        ],
      },
    ],
  };
  return {
    pageSize: "A4",
    pageMargins: [40, 40, 40, 64],
    content: [header, buyer, ...creditReference(ctx), table, closing],
    footer: footer(ctx),
    styles: baseStyles(look),
    defaultStyle: { font: ctx.fontName, fontSize: 8.5, color: look.colors.text, lineHeight: 1.15 },
  };
}
