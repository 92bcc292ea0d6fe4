import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { FONT_FAMILIES, FONT_IDS, FONT_STYLES, type FontStyle } from "@comptoir/templates";
import type { TDocumentDefinitions } from "pdfmake/interfaces";
import { installFontkitCache } from "./fontkit-cache.ts";

/** The parts of pdfmake's server singleton this package uses. */
export interface PdfKitDocument {
  appendXML(xml: string, newline?: boolean): void;
}

interface OutputDocument {
  getStream(): Promise<PdfKitDocument>;
  getBuffer(): Promise<Buffer>;
}

export interface Pdfmake {
  createPdf(
    definition: TDocumentDefinitions,
    options?: { fontLayoutCache?: boolean },
  ): OutputDocument;
  addFonts(fonts: Record<string, Record<FontStyle, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
}

export interface PdfRuntime {
  readonly pdfmake: Pdfmake;
  /** Whether parsed fonts are reused across documents (false if pdfkit was loaded first). */
  readonly fontCache: boolean;
}

let runtime: PdfRuntime | undefined;

/**
 * pdfmake for this thread, loaded once: parsed-font cache installed first, every font of the
 * templates in its virtual file system, and no access to URLs or local files (fonts are in
 * memory, images are data URLs), so invoice data can never make it fetch anything.
 */
export function pdfRuntime(): PdfRuntime {
  if (runtime) return runtime;
  const require = createRequire(import.meta.url);
  const fontCache = installFontkitCache(require.resolve("pdfmake"));
  const pdfmake = require("pdfmake") as Pdfmake;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  for (const id of FONT_IDS) {
    const family = FONT_FAMILIES[id];
    const files = {} as Record<FontStyle, string>;
    for (const style of FONT_STYLES) {
      const name = `comptoir-fonts/${family.pdfName}-${style}.ttf`;
      pdfmake.virtualfs.writeFileSync(name, readFileSync(family.files[style]));
      files[style] = name;
    }
    pdfmake.addFonts({ [family.pdfName]: files });
  }
  runtime = { pdfmake, fontCache };
  return runtime;
}
