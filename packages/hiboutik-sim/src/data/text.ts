const FOLDED: Readonly<Record<string, string>> = {
  à: "a",
  â: "a",
  ä: "a",
  á: "a",
  ç: "c",
  é: "e",
  è: "e",
  ê: "e",
  ë: "e",
  î: "i",
  ï: "i",
  í: "i",
  ô: "o",
  ö: "o",
  ó: "o",
  ù: "u",
  û: "u",
  ü: "u",
  ú: "u",
  ÿ: "y",
  œ: "oe",
  æ: "ae",
  ñ: "n",
};

/** Strips accents and punctuation (a lookup table: `normalize("NFD")` is slow on hot paths). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^ -~]/g, (char) => FOLDED[char] ?? "-")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** PHP-style escaping for text placed inside generated HTML descriptions. */
export function escapeHtml(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
