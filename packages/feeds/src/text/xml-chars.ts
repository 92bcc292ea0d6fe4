/**
 * Characters outside XML 1.0 `Char` (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF, lone
 * surrogates, which `\p{Cs}` matches in a /u regex) plus invisible format characters that only cause trouble in feeds (zero-width
 * space, word joiner, BOM). U+200D (zero-width joiner) is kept: emoji sequences need it.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u200B\u2060\uFEFF]|\p{Cs}/gu;

/**
 * C1 controls in shop data are nearly always Windows-1252 bytes read as Latin-1 (smart quotes
 * pasted from a word processor): map them to the characters they stood for.
 */
const WINDOWS_1252: Readonly<Record<string, string>> = {
  "\u0080": "€",
  "\u0082": "‚",
  "\u0083": "ƒ",
  "\u0084": "„",
  "\u0085": "…",
  "\u0086": "†",
  "\u0087": "‡",
  "\u0088": "ˆ",
  "\u0089": "‰",
  "\u008A": "Š",
  "\u008B": "‹",
  "\u008C": "Œ",
  "\u008E": "Ž",
  "\u0091": "‘",
  "\u0092": "’",
  "\u0093": "“",
  "\u0094": "”",
  "\u0095": "•",
  "\u0096": "–",
  "\u0097": "—",
  "\u0098": "˜",
  "\u0099": "™",
  "\u009A": "š",
  "\u009B": "›",
  "\u009C": "œ",
  "\u009E": "ž",
  "\u009F": "Ÿ",
};
const C1 = /[\u0080-\u009F]/g;
/**
 * One cheap scan deciding whether the slower passes below are needed at all: the characters of
 * NOT_XML and C1 except surrogates, without the /u flag (a plain class scan, about 3× faster
 * than a /u regex with \p{Cs}, which decodes every code point). Surrogates are looked at only
 * in text that has some (emoji).
 */
const SUSPECT_BMP =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F\uFFFE\uFFFF\u200B\u2060\uFEFF]/;
const SURROGATE = /[\uD800-\uDFFF]/;
/** A low surrogate not after a high one, or a high one not before a low one. */
const LONE_SURROGATE = /(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/;

/** A character NOT_XML or C1 would match (a lone surrogate is \p{Cs} in a /u regex). */
function isSuspect(text: string): boolean {
  return SUSPECT_BMP.test(text) || (SURROGATE.test(text) && LONE_SURROGATE.test(text));
}

export interface CharRepair {
  readonly text: string;
  /** Characters removed because XML 1.0 or the channels cannot carry them. */
  readonly removed: number;
  /** C1 controls replaced by their Windows-1252 meaning (or removed when they have none). */
  readonly remapped: number;
}

export function repairCharacters(text: string): CharRepair {
  if (!isSuspect(text)) return { text, removed: 0, remapped: 0 };
  let removed = 0;
  let remapped = 0;
  let result = text;
  if (C1.test(result)) {
    C1.lastIndex = 0;
    result = result.replace(C1, (char) => {
      remapped++;
      return WINDOWS_1252[char] ?? "";
    });
  }
  NOT_XML.lastIndex = 0;
  if (NOT_XML.test(result)) {
    NOT_XML.lastIndex = 0;
    result = result.replace(NOT_XML, () => {
      removed++;
      return "";
    });
  }
  return { text: result, removed, remapped };
}

/** True when `text` holds only characters XML 1.0 allows (the X05 check on output). */
export function isXmlSafe(text: string): boolean {
  if (!isSuspect(text)) return true;
  NOT_XML.lastIndex = 0;
  C1.lastIndex = 0;
  return !NOT_XML.test(text) && !C1.test(text);
}
