import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { FONT_FAMILIES, type FontId, type FontStyle } from "./families.ts";

/** Which characters each font family can draw, per style (bold fonts may lack a few). */
export interface FontCoverage {
  covers(font: FontId, style: FontStyle, codePoint: number): boolean;
}

interface FontkitFont {
  readonly characterSet: readonly number[];
}

interface Fontkit {
  create(buffer: Uint8Array): FontkitFont;
}

const require = createRequire(import.meta.url);

let loaded: FontCoverage | undefined;

/**
 * Reads the character maps of every family once per process (the fonts are files of this
 * package, not downloads). Later calls return the same object.
 */
export function loadFontCoverage(): FontCoverage {
  if (loaded) return loaded;
  const fontkit = require("fontkit") as Fontkit;
  const sets = new Map<string, ReadonlySet<number>>();
  const setOf = (font: FontId, style: FontStyle) => {
    const key = `${font}/${style}`;
    let set = sets.get(key);
    if (!set) {
      set = new Set(fontkit.create(readFileSync(FONT_FAMILIES[font].files[style])).characterSet);
      sets.set(key, set);
    }
    return set;
  };
  loaded = { covers: (font, style, codePoint) => setOf(font, style).has(codePoint) };
  return loaded;
}
