const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ENTITY: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/**
 * Escapes text content with the five predefined entities only (never HTML named entities),
 * exactly as fast-xml-parser's builder does, so both encoders give the same bytes. `]]>` needs
 * no special case: its `>` is escaped.
 */
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (char) => ENTITY[char] ?? char) : text;
}
