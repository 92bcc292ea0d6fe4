import type { DynamicContent } from "pdfmake/interfaces";
import type { DocumentContext } from "../context.ts";
import { legalLine } from "./parties.ts";

/** Every page: the seller's legal identity, the look's footer text and "page x / y". */
export function footer(ctx: DocumentContext): DynamicContent {
  const legal = ctx.t(legalLine(ctx), "seller.legal");
  const text = ctx.look.footer[ctx.language];
  const custom = text ? ctx.t(text, "footer") : null;
  ctx.label("page"); // reports characters of a custom page label that no font has
  return (currentPage, pageCount) => ({
    margin: [40, 12, 40, 0],
    columns: [
      {
        width: "*",
        stack: [
          { text: legal, style: "footer" },
          ...(custom ? [{ text: custom, style: "footer" }] : []),
        ],
      },
      {
        width: "auto",
        text: ctx.labelText("page", { page: currentPage, pages: pageCount }),
        style: "footer",
        alignment: "right",
        noWrap: true,
        margin: [12, 0, 0, 0],
      },
    ],
  });
}
