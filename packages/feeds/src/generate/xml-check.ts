import { XMLValidator } from "fast-xml-parser";
import { GOOGLE_NAMESPACE } from "../serialize/rss.ts";
import { isXmlSafe } from "../text/xml-chars.ts";

const FOREIGN_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/**
 * Well-formedness of a piece of an RSS feed, checked as it is written so that the whole file
 * never has to be in memory: fast-xml-parser's validator (X01) plus the two things it accepts
 * but channels reject, HTML named entities (X04) and characters outside XML 1.0 (X05).
 * Returns null when fine, else what is wrong.
 */
export function checkXmlFragment(fragment: string): string | null {
  return checkXmlDocument(
    `<rss xmlns:g="${GOOGLE_NAMESPACE}"><channel>${fragment}</channel></rss>`,
  );
}

/** The cheap part alone (X04, X05): two scans, no parse. */
export function scanXmlText(text: string): string | null {
  if (FOREIGN_ENTITY.test(text)) return "X04: an entity other than the five XML ones";
  if (!isXmlSafe(text)) return "X05: a character outside XML 1.0";
  return null;
}

/** The same checks on a complete document (used on the prolog and channel frame). */
export function checkXmlDocument(text: string): string | null {
  const scanned = scanXmlText(text);
  if (scanned !== null) return scanned;
  const result = XMLValidator.validate(text);
  return result === true ? null : `X01: ${result.err.msg} (line ${result.err.line})`;
}
