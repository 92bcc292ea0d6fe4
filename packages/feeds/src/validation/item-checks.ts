import { checkGtin, GTIN_PROBLEM_TEXT } from "../identifiers/gtin.ts";
import type { FeedItem } from "../model/item.ts";
import { plainHttpUrl } from "../model/plain-url.ts";
import { formatPrice } from "../profiles/render.ts";
import type { ChannelProfile } from "../profiles/types.ts";
import type { FeedSettings } from "../settings/schema.ts";
import { googleTaxonomy } from "../taxonomy/index.ts";
import { type Finding, finding, type RuleCode } from "./rules.ts";

export interface CheckEnvironment {
  readonly settings: FeedSettings;
  /** Hosts `link` may use; empty = any. */
  readonly linkHosts: ReadonlySet<string>;
  /** The feed's country requires apparel attributes (I17). */
  readonly apparelCountry: boolean;
}

type ItemCheck = (item: FeedItem, env: CheckEnvironment, out: Finding[]) => void;

const PRICE = /^\d+(\.\d{1,2})? [A-Z]{3}$/;
const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|bmp|tiff?)$/i;
const ASCII_ID = /^[A-Za-z0-9_.-]+$/;
const APPAREL = 166;
const CLOTHING = 1604;
const SHOES = 187;
export const APPAREL_COUNTRIES = new Set(["FR", "DE", "GB", "US", "BR", "JP"]);

/** Rules implemented in code (the column declarations cover presence, lengths and enums). */
const CHECKS: Partial<Record<RuleCode, ItemCheck>> = {
  I01(item, _env, out) {
    if (!ASCII_ID.test(item.id)) {
      out.push(
        finding("I01", "id", "id should use only letters, digits, '_', '.', '-'", {
          severity: "warning",
          value: item.id,
        }),
      );
    }
  },
  I06(item, env, out) {
    const link = httpUrlParts(item.link);
    if (link === null) {
      out.push(finding("I06", "link", "link is not an absolute http(s) URL", { value: item.link }));
    } else {
      if (env.linkHosts.size > 0 && !env.linkHosts.has(link.hostname)) {
        out.push(
          finding(
            "I06",
            "link",
            `link host ${link.hostname} is not a verified domain of this feed`,
            { value: item.link },
          ),
        );
      }
      if (link.protocol === "http:")
        out.push(finding("I06", "link", "link uses http; prefer https", { severity: "warning" }));
    }
    if (item.imageLink?.startsWith("http:")) {
      out.push(
        finding("I06", "image_link", "image_link uses http; prefer https", { severity: "warning" }),
      );
    }
  },
  I07(item, _env, out) {
    if (item.imageLink === null) return;
    const path = imagePath(item.imageLink);
    if (!IMAGE_EXTENSION.test(path)) {
      out.push(
        finding(
          "I07",
          "image_link",
          "image_link does not end in an image extension (jpg, png, gif, webp, bmp, tiff)",
          { value: item.imageLink },
        ),
      );
    }
  },
  I09(item, _env, out) {
    if (
      (item.availability === "preorder" || item.availability === "backorder") &&
      !item.availabilityDate
    ) {
      out.push(
        finding("I09", "availability_date", `${item.availability} requires availability_date`),
      );
    }
  },
  I11(item, env, out) {
    const text = formatPrice(item.price, item.currency);
    if (
      !item.price.isNegative() &&
      !item.price.isZero() &&
      PRICE.test(text) &&
      item.currency === env.settings.currency
    )
      return;
    out.push(
      finding("I11", "price", "price must be a positive amount in the feed currency", {
        value: text,
      }),
    );
  },
  I12(item, _env, out) {
    if (item.salePrice !== null && item.salePrice.compare(item.price) >= 0) {
      out.push(
        finding("I12", "sale_price", "sale_price must be below price", {
          value: item.salePrice.toString(),
        }),
      );
    }
  },
  I13(item, _env, out) {
    if (item.gtin === null) return;
    const verdict = checkGtin(item.gtin);
    if (!verdict.ok)
      out.push(
        finding("I13", "gtin", `gtin ${GTIN_PROBLEM_TEXT[verdict.reason]}`, { value: item.gtin }),
      );
  },
  I14(item, _env, out) {
    if (
      item.identifierExists &&
      item.gtin === null &&
      (item.brand === null || item.mpn === null) &&
      item.condition === "new"
    ) {
      out.push(
        finding(
          "I14",
          "identifier_exists",
          "new product with neither a GTIN nor brand + MPN: Google may limit it",
          {
            severity: "warning",
          },
        ),
      );
    }
  },
  I16(item, _env, out) {
    if (item.googleProductCategory !== null && !googleTaxonomy().has(item.googleProductCategory)) {
      out.push(
        finding("I16", "google_product_category", "not a Google taxonomy id", {
          value: String(item.googleProductCategory),
        }),
      );
    }
  },
  I17(item, env, out) {
    const category = item.googleProductCategory;
    if (!env.apparelCountry || category === null) return;
    const taxonomy = googleTaxonomy();
    if (!taxonomy.isWithin(category, APPAREL)) return;
    const missing: string[] = [];
    if (item.color === null) missing.push("color");
    if (item.gender === null) missing.push("gender");
    if (item.ageGroup === null) missing.push("age_group");
    if (
      item.size === null &&
      (taxonomy.isWithin(category, CLOTHING) || taxonomy.isWithin(category, SHOES))
    )
      missing.push("size");
    if (missing.length > 0) {
      out.push(
        finding(
          "I17",
          missing[0] ?? null,
          `apparel in ${env.settings.country} requires ${missing.join(", ")} (map them in the feed's attributes settings)`,
        ),
      );
    }
  },
  I19(item, _env, out) {
    if (item.color === null) return;
    const parts = item.color.split("/");
    const problem =
      parts.length > 3
        ? "at most 3 colours joined by '/'"
        : parts.some((part) => part.length > 40)
          ? "each colour at most 40 characters"
          : item.color.includes(",")
            ? "no commas (join colours with '/')"
            : parts.some(
                  (part) =>
                    /^\d+$/.test(part.trim()) || /^#?[0-9a-f]{3}([0-9a-f]{3})?$/i.test(part.trim()),
                )
              ? "a colour name, not a number or hex code"
              : null;
    if (problem !== null)
      out.push(finding("I19", "color", `color must be ${problem}`, { value: item.color }));
  },
};

export function checkItem(
  profile: ChannelProfile,
  item: FeedItem,
  env: CheckEnvironment,
  out: Finding[],
): void {
  for (const code of profile.checks) CHECKS[code]?.(item, env, out);
}

interface HttpUrlParts {
  readonly protocol: string;
  readonly hostname: string;
  readonly pathname: string;
}

/** Variants of a product share their image: the last path is remembered. */
let lastImage = { url: "", path: "" };

function imagePath(url: string): string {
  if (url !== lastImage.url) lastImage = { url, path: httpUrlParts(url)?.pathname ?? "" };
  return lastImage.path;
}

function httpUrlParts(text: string): HttpUrlParts | null {
  return plainHttpUrl(text) ?? parseHttpUrl(text);
}

function parseHttpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** Rule codes that have a code implementation here (for the report of implemented rules). */
export const CODED_ITEM_RULES = Object.keys(CHECKS) as RuleCode[];
