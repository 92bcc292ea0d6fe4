import { decodeHTML } from "entities/decode";
import { repairCharacters } from "./xml-chars.ts";

export interface CleanedText {
  readonly text: string;
  /** The input held HTML tags that were stripped. */
  readonly strippedHtml: boolean;
  /** Invalid or invisible characters removed, and C1 controls remapped. */
  readonly repairedChars: number;
  /** The text shows double-encoded UTF-8 ("Ã©", "â€™"): the POS data needs fixing at source. */
  readonly mojibake: boolean;
}

const NEEDS_WORK =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what needs work.
  /[<&\u0000-\u001F\u0080-\u009F\u00A0\u00C2\u00C3\u00E2\u200B\u2060\uFEFF\uD800-\uDFFF\uFFFE\uFFFF]|\s\s/;
const DROPPED_ELEMENTS = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
/** Tags that separate words when rendered: they become a space, others vanish. */
const BLOCK_TAG =
  /<\/?(?:br|p|div|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|hr|pre)\b[^>]*>/gi;
const ANY_TAG = /<\/?[A-Za-z][A-Za-z0-9:-]*\b[^>]*>/g;
const MOJIBAKE = /Ã[\u0080-\u00BF]|â€[\u0080-\u00BF™œ“”˜¢¦]|Â[\u00A0-\u00BF]/;
/**
 * Whitespace runs that are not already a single space: replacing these with " " gives the same
 * text as replacing every `\s+`, without rewriting each of the hundreds of single spaces of a
 * description (3× faster on the synthetic catalog's descriptions).
 */
const WHITESPACE = /\s{2,}|[^\S ]/g;

/**
 * Turns POS text into feed text: HTML stripped (descriptions only), entities decoded, invalid
 * XML characters removed, Windows-1252 leftovers repaired, whitespace collapsed to single
 * spaces, NFC. Names are "plain": a `<` in "Thé <édition limitée>" is text, kept as typed.
 * The result is safe for every serializer (they still escape it).
 */
export function cleanText(
  input: string | null | undefined,
  mode: "html" | "plain" = "html",
): CleanedText {
  if (input == null || input === "")
    return { text: "", strippedHtml: false, repairedChars: 0, mojibake: false };
  if (!NEEDS_WORK.test(input)) {
    const trimmed = trimmedText(input);
    const text = toNfc(trimmed);
    return { text, strippedHtml: false, repairedChars: 0, mojibake: false };
  }
  let text = input;
  let strippedHtml = false;
  if (mode === "html" && text.includes("<")) {
    // A substring search is far cheaper than a regex scan that finds no comment.
    const uncommented = text.includes("<!--") ? text.replace(COMMENTS, " ") : text;
    const stripped = uncommented
      .replace(DROPPED_ELEMENTS, " ")
      .replace(BLOCK_TAG, " ")
      .replace(ANY_TAG, "");
    strippedHtml = stripped !== text;
    text = stripped;
  }
  if (text.includes("&")) text = decodeHTML(text);
  const repaired = repairCharacters(text);
  text = trimmedText(toNfc(repaired.text).replace(WHITESPACE, " "));
  return {
    text,
    strippedHtml,
    repairedChars: repaired.removed + repaired.remapped,
    mojibake: MOJIBAKE.test(text),
  };
}

/**
 * `text.trim()`, without the copy `trim` makes even when there is nothing to trim: printable
 * ASCII at both ends means no whitespace there (every other character is left to `trim`).
 */
export function trimmedText(text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? text : text.trim();
}

/**
 * Characters that may change under NFC. Everything below U+0300 (Latin, Latin-1, Latin
 * Extended, IPA) and the common typography of U+2010–U+2027 and U+2030–U+205E (quotes, dashes,
 * ellipsis) plus € are NFC-stable and compose with nothing, so most French text skips the
 * (comparatively slow) normalize call.
 */
const MAY_CHANGE_UNDER_NFC = /[\u0300-\u200F\u2028-\u202F\u205F-\u20AB\u20AD-\uFFFF]/;

function toNfc(text: string): string {
  return MAY_CHANGE_UNDER_NFC.test(text) ? text.normalize("NFC") : text;
}

/**
 * Cuts `text` to at most `max` characters (code points, so emoji are never split), at a word
 * boundary when one is near, with an ellipsis. Returns the text unchanged when it fits.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const room = chars.slice(0, max - 1).join("");
  // Keep the room whole when it already ends at a word boundary.
  const lastSpace = chars[max - 1] === " " ? room.length : room.lastIndexOf(" ");
  const cut = lastSpace >= room.length * 0.6 ? room.slice(0, lastSpace) : room;
  return `${cut.trimEnd()}…`;
}

/** Length in characters (code points), as channels count them. */
export function charLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
