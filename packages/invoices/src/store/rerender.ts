import type { schema } from "@comptoir/db";
import { type Look, lookSchema } from "@comptoir/templates";
import { renderInvoicePdf } from "../pdf/render.ts";
import type { RenderedPdf } from "../pdf/render-here.ts";
import { parseInvoiceSnapshot } from "../snapshot.ts";
import type { RenderInvoice } from "./issue.ts";

/**
 * Renders a stored document again from its frozen snapshot, look and QR link. With the same
 * code and fonts this gives the stored bytes; it is a check, never a replacement: the stored
 * bytes are the original, since a later template or font release would render differently.
 */
export function rerenderStoredInvoice(
  row: schema.InvoiceRow,
  render: RenderInvoice = renderInvoicePdf,
): Promise<RenderedPdf> {
  const look: Look = lookSchema.parse(row.look);
  return render(parseInvoiceSnapshot(row.snapshot), look, {
    language: row.language === "en" ? "en" : "fr",
    qrLink: row.qrLink,
  });
}
