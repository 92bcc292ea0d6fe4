import {
  buildInvoiceDocument,
  type Invoice,
  type Language,
  type Look,
  loadFontCoverage,
  type MissingGlyph,
  resolveLabels,
} from "@comptoir/templates";
import { renderFacturXml } from "../facturx/cii.ts";
import { pdfRuntime } from "./runtime.ts";
import { facturXmp, modifyDateXmp } from "./xmp.ts";

export interface RenderOptions {
  /** Defaults to the look's language. */
  readonly language?: Language;
  /** The invoice's download link, drawn as a QR code; keep it stable so renders stay identical. */
  readonly qrLink?: string | null;
  /** "error" refuses a document with characters no font has; "warn" (default) reports them. */
  readonly missingGlyphs?: "warn" | "error";
}

export interface RenderedPdf {
  readonly pdf: Uint8Array;
  /** The embedded `factur-x.xml`, byte for byte. */
  readonly xml: string;
  readonly missingGlyphs: readonly MissingGlyph[];
}

export class MissingGlyphsError extends Error {
  constructor(readonly missingGlyphs: readonly MissingGlyph[]) {
    super(
      `no embedded font can draw ${missingGlyphs
        .slice(0, 5)
        .map((glyph) => `"${glyph.character}" (${glyph.codePoint}) in ${glyph.field}`)
        .join(", ")}${missingGlyphs.length > 5 ? "…" : ""}`,
    );
    this.name = "MissingGlyphsError";
  }
}

/** PDF/A metadata strings: pdfkit copies them into XMP unescaped, so XML specials are replaced. */
function metadataText(value: string): string {
  return value.replace(/&/g, "+").replace(/[<>]/g, " ");
}

/**
 * Renders on the calling thread. Use the worker pool (`renderInvoicePdf`) from servers: layout
 * is synchronous and takes tens of milliseconds.
 */
export async function renderInvoicePdfHere(
  invoice: Invoice,
  look: Look,
  options: RenderOptions = {},
): Promise<RenderedPdf> {
  const { pdfmake } = pdfRuntime();
  const language = options.language ?? look.language;
  const built = buildInvoiceDocument(invoice, look, resolveLabels(look, language), {
    language,
    qrLink: options.qrLink ?? null,
    fonts: loadFontCoverage(),
  });
  if (options.missingGlyphs === "error" && built.missingGlyphs.length > 0) {
    throw new MissingGlyphsError(built.missingGlyphs);
  }
  const xml = renderFacturXml(invoice);
  // Fixed instants make the same invoice render to the same bytes (the file ID hashes them too).
  const instant = new Date(`${invoice.issueDate}T00:00:00Z`);
  const kind =
    invoice.typeCode === "381"
      ? language === "fr"
        ? "Avoir"
        : "Credit note"
      : language === "fr"
        ? "Facture"
        : "Invoice";
  const definition = {
    ...built.definition,
    version: "1.7" as const,
    subset: "PDF/A-3b" as const,
    info: {
      title: metadataText(`${kind} ${invoice.number}`),
      author: metadataText(invoice.seller.name),
      subject: metadataText(`${kind} ${invoice.number} - ${invoice.buyer.name}`),
      creator: "Comptoir",
      producer: "Comptoir (pdfmake 0.3.11)",
      creationDate: instant,
      modDate: instant,
    },
    files: {
      "factur-x.xml": {
        src: `data:text/xml;base64,${Buffer.from(xml, "utf8").toString("base64")}`,
        name: "factur-x.xml",
        description: "Factur-X invoice (EN 16931)",
        relationship: "Data",
        creationDate: instant,
        modifiedDate: instant,
      },
    },
  };
  const output = pdfmake.createPdf(definition);
  const document = await output.getStream();
  document.appendXML(facturXmp("EN 16931"));
  document.appendXML(modifyDateXmp(instant));
  const pdf = await output.getBuffer();
  return {
    pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength),
    xml,
    missingGlyphs: built.missingGlyphs,
  };
}
