import { trimmedText } from "../text/clean.ts";
import { plainHttpUrl } from "./plain-url.ts";
import { type CompiledTemplate, compileTemplate } from "./template.ts";

export const LINK_TOKENS = ["id", "ref", "slug", "itemId", "size", "sizeId"] as const;
export type LinkToken = (typeof LINK_TOKENS)[number];
export type LinkValues = Readonly<Record<LinkToken, string>>;

/**
 * A link template such as `https://shop.example/p/{ref}?size={size}`. Token values are
 * percent-encoded for where they stand (path or query); a query parameter whose value comes out
 * empty (e.g. `size` of a product without sizes) is dropped rather than sent as `size=`.
 */
export interface LinkTemplate {
  readonly source: string;
  render(values: LinkValues): string;
}

export function compileLinkTemplate(source: string): LinkTemplate {
  const queryAt = source.indexOf("?");
  const base = compileTemplate(queryAt === -1 ? source : source.slice(0, queryAt));
  const hashAt = source.indexOf("#", queryAt === -1 ? 0 : queryAt);
  const queryText =
    queryAt === -1 ? "" : source.slice(queryAt + 1, hashAt === -1 ? undefined : hashAt);
  const fragment = hashAt === -1 ? "" : source.slice(hashAt);
  const params =
    queryText === ""
      ? []
      : queryText.split("&").map((pair) => {
          const eq = pair.indexOf("=");
          return eq === -1
            ? { name: pair, value: null }
            : { name: pair.slice(0, eq), value: compileTemplate(pair.slice(eq + 1)) };
        });
  return {
    source,
    render(values) {
      let url = renderEncoded(base, values, encodePathValue);
      let separator = "?";
      for (const param of params) {
        if (param.value === null) {
          url += `${separator}${param.name}`;
        } else {
          const value = renderEncoded(param.value, values, encodeQueryValue);
          if (value === "") continue;
          url += `${separator}${param.name}=${value}`;
        }
        separator = "&";
      }
      return url + fragment;
    },
  };
}

function renderEncoded(
  template: CompiledTemplate,
  values: LinkValues,
  encode: (value: string) => string,
): string {
  let out = "";
  for (const part of template.parts) {
    out += "literal" in part ? part.literal : encode(values[part.token as LinkToken] ?? "");
  }
  return out;
}

/** RFC 3986: everything but unreserved characters is encoded, `/` included (a value is one segment). */
function encodePathValue(value: string): string {
  return UNRESERVED.test(value) ? value : encodeURIComponent(value).replace(/[!'()*]/g, percent);
}

function encodeQueryValue(value: string): string {
  return UNRESERVED.test(value) ? value : encodeURIComponent(value).replace(/[!'()*]/g, percent);
}

/** Values made only of RFC 3986 unreserved characters (most refs, ids, sizes) encode to themselves. */
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

function percent(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * Makes an image or landing URL RFC 3986-clean for channels: spaces, non-ASCII and commas
 * percent-encoded (Pinterest and Google TSV split on commas). Returns null for a URL that is
 * not absolute http(s).
 */
export function normalizeUrl(raw: string): string | null {
  const text = trimmedText(raw);
  if (plainHttpUrl(text)?.canonical) return text.replace(/,/g, "%2C");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.href.replace(/,/g, "%2C");
}

/** ASCII slug for `{slug}`: accents folded, lowercase, words joined by `-`. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
