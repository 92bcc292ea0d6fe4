import type { Content } from "pdfmake/interfaces";
import type { FontCoverage } from "./coverage.ts";
import { FALLBACK_FONT, FONT_FAMILIES, type FontId, type FontStyle } from "./families.ts";

/** A character that no embedded font can draw: reported, never silently dropped. */
export interface MissingGlyph {
  /** Where it appears: "buyer.name", "line 3 name", "label invoiceTitle"… */
  readonly field: string;
  readonly character: string;
  /** "U+4E2D". */
  readonly codePoint: string;
}

const IGNORED = /[\s\u200b-\u200d\u2060\ufeff]/u;

export interface TextRuns {
  /** Text split into runs, each in a font that has its characters. */
  runs(value: string, field: string, style?: FontStyle): string | Content[];
  readonly missing: readonly MissingGlyph[];
}

/**
 * Assigns each character to the look's font, or to the fallback font when only that one has it.
 * A character neither has stays in the main font (where it shows as a box) and is reported.
 */
export function textRuns(coverage: FontCoverage, font: FontId): TextRuns {
  const missing: MissingGlyph[] = [];
  const seen = new Set<string>();
  const fallbackName = FONT_FAMILIES[FALLBACK_FONT].pdfName;
  const fontFor = (
    codePoint: number,
    style: FontStyle,
    char: string,
    field: string,
  ): "main" | "fallback" => {
    if (IGNORED.test(char) || coverage.covers(font, style, codePoint)) return "main";
    if (font !== FALLBACK_FONT && coverage.covers(FALLBACK_FONT, style, codePoint))
      return "fallback";
    const key = `${field}\u0000${codePoint}`;
    if (!seen.has(key)) {
      seen.add(key);
      missing.push({
        field,
        character: char,
        codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`,
      });
    }
    return "main";
  };
  return {
    missing,
    runs(value, field, style = "normal") {
      const parts: { font: "main" | "fallback"; text: string }[] = [];
      for (const char of value) {
        const which = fontFor(char.codePointAt(0) ?? 0, style, char, field);
        const last = parts[parts.length - 1];
        if (last && last.font === which) last.text += char;
        else parts.push({ font: which, text: char });
      }
      if (parts.every((part) => part.font === "main")) return value;
      return parts.map((part) =>
        part.font === "main" ? { text: part.text } : { text: part.text, font: fallbackName },
      );
    },
  };
}
