import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { codec, INVALID, type Invalid } from "../parse/codec.ts";
import { isPlainObject } from "../parse/lists.ts";
import { parseInteger } from "../parse/numbers.ts";
import { invalidRecord, type RecordCodec } from "../parse/record.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

/**
 * A product image. The wire shape is not documented: elements are seen as URL strings, file
 * names ("big_112-1.jpg") or objects with `url`, `width`, `height`. Images may need the API
 * credentials to download, so feeds should fetch and re-host them.
 */
export interface ProductImage {
  /** Absolute URL when Hiboutik gave one (or a file name resolvable under the API). */
  readonly url: string | null;
  /** "big_112-1.jpg". */
  readonly fileName: string | null;
  /** Hiboutik names renditions by prefix: `mini_` (thumbnail) and `big_` (large). */
  readonly rendition: "mini" | "big" | null;
  /** Image slot n of `big_{productId}-{n}.jpg` (1–4 for web images). */
  readonly slot: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly raw: unknown;
}

const URL_KEYS = ["url", "image_url", "src", "link", "image", "href"] as const;
const NAME_KEYS = ["file_name", "filename", "image_name", "name"] as const;

/** Decodes one element of `images[]` or of `GET /products_images/{id}`. */
export function decodeImage(value: unknown, baseUrl: string): ProductImage | Invalid {
  let url: string | null = null;
  let fileName: string | null = null;
  let width: number | null = null;
  let height: number | null = null;
  let slot: number | null = null;

  if (typeof value === "string" && value.trim() !== "") {
    if (/^https?:\/\//i.test(value)) url = value;
    else fileName = value;
  } else if (isPlainObject(value)) {
    url = firstString(value, URL_KEYS);
    fileName = firstString(value, NAME_KEYS);
    width = parseInteger(value.width) ?? null;
    height = parseInteger(value.height) ?? null;
    slot = parseInteger(value.image_id) ?? parseInteger(value.position) ?? null;
  } else {
    return INVALID;
  }
  if (url !== null && !/^https?:\/\//i.test(url)) {
    fileName ??= url;
    url = null;
  }
  fileName ??= url === null ? null : lastSegment(url);
  if (url === null && fileName !== null)
    url = `${baseUrl}/products_images/${encodeURIComponent(fileName)}`;
  if (url === null) return INVALID;

  const prefix = /^(mini|big)_/i.exec(fileName ?? "")?.[1]?.toLowerCase();
  const slotInName = /-(\d+)\.[a-z0-9]+$/i.exec(fileName ?? "")?.[1];
  return {
    url,
    fileName,
    rendition: prefix === "mini" || prefix === "big" ? prefix : null,
    slot: slot ?? (slotInName === undefined ? null : Number(slotInName)),
    width,
    height,
    raw: value,
  };
}

export function imageField(baseUrl: string) {
  return codec<ProductImage>("an image URL, file name or { url } object", (value) =>
    decodeImage(value, baseUrl),
  );
}

function imageRecord(baseUrl: string): RecordCodec<ProductImage> {
  return {
    resource: "product image",
    parse(raw, endpoint) {
      const image = decodeImage(raw, baseUrl);
      if (image !== INVALID) return { ok: true, value: image };
      return invalidRecord("product image", endpoint, null, raw, [
        {
          field: "(record)",
          value: raw,
          message: "expected an image URL, file name or { url } object",
        },
      ]);
    },
  };
}

export function imagesResource(context: ResourceContext) {
  const record = imageRecord(context.baseUrl);
  return {
    /** Images of one product (`[]` or a 404 when it has none). */
    forProduct(productId: number, options: CallOptions = {}): Listing<ProductImage> {
      return listing(context, paths.productImages(productId), record, {
        ...options,
        paginated: false,
        emptyOn404: true,
      });
    },
  };
}

function firstString(record: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return null;
}

function lastSegment(url: string): string | null {
  const path = url.split(/[?#]/)[0] ?? "";
  const segment = path.slice(path.lastIndexOf("/") + 1);
  const query = /[?&]img=([^&#]+)/.exec(url)?.[1];
  return query ? decodeURIComponent(query) : segment || null;
}
