import type { TDocumentDefinitions } from "pdfmake/interfaces";
import type { MissingGlyph } from "../fonts/runs.ts";
import type { Labels } from "../labels/keys.ts";
import type { Look, TemplateId } from "../look/schema.ts";
import type { Invoice } from "../model/index.ts";
import { classicDocument } from "./classic.ts";
import { type DocumentContext, type DocumentOptions, documentContext } from "./context.ts";
import { modernDocument } from "./modern.ts";

export interface BuiltDocument {
  readonly definition: TDocumentDefinitions;
  /** Characters no embedded font can draw; they print as boxes, so callers should surface them. */
  readonly missingGlyphs: readonly MissingGlyph[];
}

const TEMPLATES: Readonly<Record<TemplateId, (ctx: DocumentContext) => TDocumentDefinitions>> = {
  classic: classicDocument,
  modern: modernDocument,
};

/**
 * The pdfmake document of an invoice in the look's template. Pure: the same inputs give the same
 * definition (pdfmake mutates definitions, so build a fresh one per render).
 */
export function buildInvoiceDocument(
  invoice: Invoice,
  look: Look,
  labels: Labels,
  options: DocumentOptions,
): BuiltDocument {
  const ctx = documentContext(invoice, look, labels, options);
  const definition = TEMPLATES[look.template](ctx);
  if (look.logo) definition.images = { logo: look.logo };
  definition.language = options.language === "fr" ? "fr-FR" : "en";
  return { definition, missingGlyphs: ctx.runs.missing };
}
