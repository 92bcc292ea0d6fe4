import { createRequire, type Module } from "node:module";

/**
 * pdfkit parses every font file again for every document (`fontkit.create` per document and
 * style): about two thirds of a one-page render. Parsed fonts are immutable for pdfkit's use
 * (it makes a fresh subset per document), so this memoizes `fontkit.create` by buffer identity.
 * It must run before pdfkit is loaded, because pdfkit keeps the `fontkit` exports it required,
 * and fontkit's exports are non-configurable getters that cannot be patched in place.
 * Shaped words are cached too. Pinned to pdfmake 0.3.11 / pdfkit 0.19.x (perf-baselines.md §B:
 * parsed-font reuse alone took a one-page invoice from 135 to 69 ms).
 */

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface GlyphRun {
  readonly glyphs: readonly object[];
  readonly positions: GlyphPosition[];
  readonly advanceWidth: number;
}

interface FontkitFont {
  layout(text: string, features?: unknown, ...rest: unknown[]): GlyphRun;
}

/** Shaped words kept per font; a generous bound for invoice vocabularies. */
const MAX_CACHED_RUNS = 20_000;

/**
 * Shaping (GSUB/GPOS) of the same word gives the same glyphs: cache it across documents.
 * pdfkit scales the positions it gets in place, so each call returns fresh position objects.
 */
function cacheLayout(font: FontkitFont): void {
  const shape = font.layout.bind(font);
  const runs = new Map<
    string,
    { glyphs: readonly object[]; positions: readonly GlyphPosition[] }
  >();
  font.layout = (text, features, ...rest) => {
    if (features !== undefined || rest.length > 0) return shape(text, features, ...rest);
    let run = runs.get(text);
    if (!run) {
      const shaped = shape(text);
      run = {
        glyphs: shaped.glyphs,
        positions: shaped.positions.map((position) => ({ ...position })),
      };
      if (runs.size >= MAX_CACHED_RUNS) runs.clear();
      runs.set(text, run);
    }
    const positions = run.positions.map((position) => ({ ...position }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        let width = 0;
        for (const position of positions) width += position.xAdvance;
        return width;
      },
    };
  };
}

interface Fontkit {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}

interface CjsRequire {
  (id: string): unknown;
  resolve(id: string): string;
  cache: Record<string, Module | undefined>;
}

export function installFontkitCache(pdfmakeEntry: string): boolean {
  const fromPdfmake = createRequire(pdfmakeEntry) as unknown as CjsRequire;
  const pdfkitPath = fromPdfmake.resolve("pdfkit");
  if (fromPdfmake.cache[pdfkitPath]) return false;
  const fromPdfkit = createRequire(pdfkitPath) as unknown as CjsRequire;
  const fontkitPath = fromPdfkit.resolve("fontkit");
  const fontkit = fromPdfkit(fontkitPath) as Fontkit;
  const entry = fromPdfkit.cache[fontkitPath];
  if (!entry) return false;
  const parsed = new WeakMap<Uint8Array, Map<string, FontkitFont>>();
  const create = (buffer: Uint8Array, postscriptName?: string): FontkitFont => {
    let byName = parsed.get(buffer);
    if (!byName) {
      byName = new Map();
      parsed.set(buffer, byName);
    }
    const key = postscriptName ?? "";
    let font = byName.get(key);
    if (!font) {
      font = fontkit.create(buffer, postscriptName);
      cacheLayout(font);
      byName.set(key, font);
    }
    return font;
  };
  entry.exports = { ...fontkit, create };
  return true;
}
