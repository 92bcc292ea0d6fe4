export { type BuiltDocument, buildInvoiceDocument } from "./document/build.ts";
export type { DocumentOptions } from "./document/context.ts";
export { type FontCoverage, loadFontCoverage } from "./fonts/coverage.ts";
export {
  FALLBACK_FONT,
  FONT_FAMILIES,
  FONT_IDS,
  FONT_STYLES,
  type FontFamily,
  type FontId,
  type FontStyle,
  familiesFor,
} from "./fonts/families.ts";
export type { MissingGlyph } from "./fonts/runs.ts";
export { DEFAULT_LABELS, fillLabel, resolveLabels } from "./labels/index.ts";
export { LABEL_KEYS, LANGUAGES, type LabelKey, type Labels, type Language } from "./labels/keys.ts";
export { MAX_LOGO_BYTES } from "./look/logo.ts";
export {
  DEFAULT_LOOK,
  type Look,
  type LookInput,
  type LookIssue,
  type LookResult,
  lookSchema,
  parseLook,
  TEMPLATE_IDS,
  type TemplateId,
} from "./look/schema.ts";
export * from "./model/index.ts";
export { sampleInvoice } from "./sample.ts";
