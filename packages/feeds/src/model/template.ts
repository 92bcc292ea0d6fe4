/**
 * `{token}` templates for links and titles. A template is compiled once per run into literal
 * and token parts, so rendering an item is a few string joins.
 */
export type TemplatePart = { readonly literal: string } | { readonly token: string };

export interface CompiledTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  readonly tokens: ReadonlySet<string>;
}

const TOKEN = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

export function compileTemplate(source: string): CompiledTemplate {
  const parts: TemplatePart[] = [];
  const tokens = new Set<string>();
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const name = match[1] ?? "";
    if (match.index > last) parts.push({ literal: source.slice(last, match.index) });
    parts.push({ token: name });
    tokens.add(name);
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push({ literal: source.slice(last) });
  return { source, parts, tokens };
}

/** Tokens of `source` that are not in `known` (for settings validation). */
export function unknownTokens(source: string, known: readonly string[]): string[] {
  return [...compileTemplate(source).tokens].filter((token) => !known.includes(token));
}

export function renderTemplate(
  template: CompiledTemplate,
  value: (token: string) => string,
): string {
  let out = "";
  for (const part of template.parts) out += "literal" in part ? part.literal : value(part.token);
  return out;
}
