import { Decimal } from "@comptoir/api-client";
import { z } from "zod";
import { LINK_TOKENS } from "../model/link.ts";
import { unknownTokens } from "../model/template.ts";
import { googleTaxonomy } from "../taxonomy/index.ts";

export const TITLE_TOKENS = [
  "name",
  "shortName",
  "brand",
  "size",
  "color",
  "category",
  "ref",
] as const;

const id = z.number({ error: "must be a whole number id" }).int().positive();
const idKey = z.string().regex(/^\d+$/, { error: "keys must be POS ids written as digits" });

const googleCategoryId = z
  .number({ error: "must be a Google taxonomy id (a number such as 1604)" })
  .int()
  .refine((value) => googleTaxonomy().has(value), {
    error: (issue) =>
      `${String(issue.input)} is not a Google product category id (taxonomy ${googleTaxonomy().version})`,
  });

const money = z.union([z.string(), z.number()]).transform((value, context) => {
  const decimal = Decimal.tryParse(typeof value === "number" ? String(value) : value.trim());
  if (decimal === undefined || decimal.isNegative()) {
    context.addIssue({
      code: "custom",
      message: 'must be an amount like "19.90" (a dot, no currency)',
    });
    return z.NEVER;
  }
  return decimal;
});

const isoDateTimeWithOffset = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})$/, {
    error: 'must be an ISO 8601 date-time with offset, e.g. "2027-01-15T09:00+01:00"',
  })
  .max(25);

const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:";
    } catch {
      return false;
    }
  },
  { error: "must be an absolute http(s) URL" },
);

function template(tokens: readonly string[], what: string) {
  return z.string().superRefine((value, context) => {
    const unknown = unknownTokens(value, tokens);
    if (unknown.length > 0) {
      context.addIssue({
        code: "custom",
        message: `unknown ${what} token${unknown.length > 1 ? "s" : ""} ${unknown.map((t) => `{${t}}`).join(", ")}; use ${tokens.map((t) => `{${t}}`).join(", ")}`,
      });
    }
  });
}

const linkTemplate = template(LINK_TOKENS, "link").superRefine((value, context) => {
  const sample = value.replace(/\{[A-Za-z]+\}/g, "x");
  try {
    const url = new URL(sample);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("scheme");
  } catch {
    context.addIssue({
      code: "custom",
      message:
        "must be an absolute http(s) URL template, e.g. https://shop.example/p/{ref}?size={size}",
    });
    return;
  }
  if (!/\{(id|ref|slug|itemId)\}/.test(value)) {
    context.addIssue({
      code: "custom",
      message: "must contain {ref}, {id}, {slug} or {itemId} so that each product has its own page",
    });
  }
});

function mapping<T extends z.ZodType>(values: T) {
  return z
    .strictObject({
      /** Applies when nothing more specific matches. */
      default: values.nullable().default(null),
      /** POS category id → value, inherited by sub-categories. */
      byCategory: z.record(idKey, values).default({}),
      /** Product tag id → value; a tag wins over a category. */
      byTag: z.record(idKey, values).default({}),
    })
    .prefault({});
}

export const GENDERS = ["male", "female", "unisex"] as const;
export const AGE_GROUPS = ["newborn", "infant", "toddler", "kids", "adult"] as const;
export const CONDITIONS = ["new", "refurbished", "used"] as const;
export const PICKUP_METHODS = ["buy", "reserve", "ship to store", "not supported"] as const;
export const PICKUP_SLAS = [
  "same day",
  "next day",
  "2-day",
  "3-day",
  "4-day",
  "5-day",
  "6-day",
  "multi-week",
] as const;

const customLabel = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("margin-band"),
    /** Upper bounds of the bands in percent of the net price, ascending. */
    bands: z.array(z.number().positive().max(100)).min(1).max(10).default([20, 40, 60]),
  }),
  z.strictObject({
    source: z.literal("stock-level"),
    low: z.number().int().nonnegative().default(5),
    high: z.number().int().positive().default(20),
  }),
  z.strictObject({ source: z.literal("brand") }),
  z.strictObject({
    source: z.literal("category"),
    depth: z.number().int().min(1).max(6).default(1),
  }),
  z.strictObject({ source: z.literal("static"), value: z.string().min(1).max(100) }),
  z.strictObject({ source: z.literal("none") }),
]);

export const DEFAULT_CUSTOM_LABELS: readonly z.input<typeof customLabel>[] = [
  { source: "margin-band", bands: [20, 40, 60] },
  { source: "stock-level", low: 5, high: 20 },
  { source: "brand" },
  { source: "category", depth: 1 },
];

const localStore = z
  .strictObject({
    storeId: id,
    /** Exactly the Google Business Profile store code. */
    storeCode: z
      .string()
      .trim()
      .min(1, { error: "is required (the Google Business Profile store code)" })
      .max(64),
    /** Warehouses whose stock this store sells; defaults to the store's own warehouse. */
    warehouseIds: z.array(id).min(1).optional(),
    pickupMethod: z.enum(PICKUP_METHODS).optional(),
    pickupSla: z.enum(PICKUP_SLAS).optional(),
  })
  .refine(
    (store) => !store.pickupMethod || store.pickupMethod === "not supported" || store.pickupSla,
    {
      error: "pickupSla is required when pickupMethod is set (except 'not supported')",
      path: ["pickupSla"],
    },
  );

export const feedSettingsSchema = z.strictObject({
  /** The RSS channel header (XML profiles). */
  channel: z.strictObject({
    title: z.string().trim().min(1).max(150),
    link: httpUrl,
    description: z.string().max(1000).default(""),
  }),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: "must be an ISO 4217 code in capitals, e.g. EUR" })
    .default("EUR"),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 code in capitals, e.g. FR" })
    .refine((value) => value !== "UK", { error: "use GB for the United Kingdom (ISO 3166-1)" })
    .default("FR"),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, { error: "must be an ISO 639-1 code, e.g. fr" })
    .default("fr"),
  /** Prepended to every item id, e.g. to keep two feeds of one catalog apart. */
  idPrefix: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,12}$/, { error: "up to 12 letters, digits, '_' or '-'" })
    .default(""),
  linkTemplate,
  titleTemplate: template(TITLE_TOKENS, "title").default("{name}"),
  filters: z
    .strictObject({
      includeArchived: z.boolean().default(false),
      includeNotPublishedOnWeb: z.boolean().default(false),
      includeCategoriesHiddenFromWeb: z.boolean().default(false),
      /** Only products in these POS categories or their sub-categories (null = all). */
      categoryIds: z.array(id).nullable().default(null),
      excludeCategoryIds: z.array(id).default([]),
      /** Only these brands (null = all). */
      brandIds: z.array(id).nullable().default(null),
      inStockOnly: z.boolean().default(false),
      priceMin: money.nullable().default(null),
      priceMax: money.nullable().default(null),
      requireImage: z.boolean().default(false),
      requireGtin: z.boolean().default(false),
    })
    .prefault({})
    .refine(
      (f) => f.priceMin === null || f.priceMax === null || f.priceMin.compare(f.priceMax) <= 0,
      {
        error: "priceMin must not be above priceMax",
        path: ["priceMax"],
      },
    ),
  availability: z
    .strictObject({
      /** Warehouses whose stock counts (null = every warehouse). */
      warehouseIds: z.array(id).min(1).nullable().default(null),
      /** Units needed to call a variant in stock. */
      minimumQuantity: z.number().int().positive().default(1),
      /** What an out-of-stock variant is: out_of_stock, or backorder (still sold). */
      outOfStock: z.enum(["out_of_stock", "backorder"]).default("out_of_stock"),
      /** When backordered items arrive (required with backorder; Google rule I09). */
      backorderDate: isoDateTimeWithOffset.nullable().default(null),
    })
    .prefault({})
    .refine((a) => a.outOfStock !== "backorder" || a.backorderDate !== null, {
      error: "backorderDate is required when outOfStock is backorder",
      path: ["backorderDate"],
    }),
  /** POS category id → Google taxonomy id; sub-categories inherit. */
  categoryMapping: z.record(idKey, googleCategoryId).default({}),
  defaultGoogleCategory: googleCategoryId.nullable().default(null),
  brand: z
    .strictObject({
      /** Used when a product has no brand (often the shop's own name for own-label goods). */
      fallback: z.string().trim().min(1).max(70).nullable().default(null),
    })
    .prefault({}),
  identifiers: z
    .strictObject({
      mpn: z.enum(["supplierReference", "externalRef", "none"]).default("supplierReference"),
      /** auto: say identifier_exists=no when a product has neither GTIN nor MPN. */
      identifierExists: z.enum(["auto", "never"]).default("auto"),
    })
    .prefault({}),
  attributes: z
    .strictObject({
      gender: mapping(z.enum(GENDERS)),
      ageGroup: mapping(z.enum(AGE_GROUPS)),
      condition: mapping(z.enum(CONDITIONS)),
      color: z
        .strictObject({
          byTag: z.record(idKey, z.string().trim().min(1).max(100)).default({}),
          /** Tags of these tag groups are colours, named by the tag. */
          tagCategoryIds: z.array(id).default([]),
        })
        .prefault({}),
    })
    .prefault({}),
  customLabels: z
    .array(customLabel)
    .max(5, { error: "at most 5 custom labels (custom_label_0 … custom_label_4)" })
    .prefault(() => DEFAULT_CUSTOM_LABELS.map((label) => ({ ...label }))),
  localInventory: z
    .strictObject({
      stores: z.array(localStore).default([]),
      /** Below this many units (and above 0) a store says limited_availability; 0 = never. */
      limitedAvailabilityBelow: z.number().int().nonnegative().default(0),
    })
    .prefault({})
    .refine((local) => new Set(local.stores.map((s) => s.storeCode)).size === local.stores.length, {
      error: "store codes must be unique",
      path: ["stores"],
    }),
  /** Hosts that `link` may use (rule I06); defaults to the link template's host. */
  verifiedDomains: z
    .array(z.string().regex(/^[a-z0-9.-]+$/i, { error: "a host name such as shop.example" }))
    .default([]),
  /** idealo offers need delivery and payment costs per method (columns deliveryCosts_<name>). */
  idealo: z
    .strictObject({
      deliveryTime: z.string().trim().min(1).max(100).nullable().default(null),
      deliveryCosts: z
        .record(
          z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, { error: "method names use a-z, 0-9 and _" }),
          money,
        )
        .default({}),
      paymentCosts: z
        .record(
          z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, { error: "method names use a-z, 0-9 and _" }),
          money,
        )
        .default({}),
    })
    .prefault({}),
  output: z
    .strictObject({
      gzip: z.boolean().default(true),
      gzipLevel: z.number().int().min(1).max(9).default(6),
    })
    .prefault({}),
  gate: z
    .strictObject({
      /** Refuse when the item count falls by more than this share of the previous run. */
      maxItemDropRatio: z.number().min(0).max(1).default(0.2),
      /** Warn (still publish) above this drop. */
      warnItemDropRatio: z.number().min(0).max(1).default(0.05),
      /** Refuse when more than this share of candidate items fails validation. */
      maxErrorRate: z.number().min(0).max(1).default(0.5),
      /** Refuse when the error rate rose by more than this (absolute) since the previous run. */
      maxErrorRateIncrease: z.number().min(0).max(1).default(0.1),
      /** Refuse a run with fewer items. */
      minItems: z.number().int().min(0).default(1),
    })
    .prefault({}),
});

export type FeedSettingsInput = z.input<typeof feedSettingsSchema>;
export type FeedSettings = z.output<typeof feedSettingsSchema>;
export type CustomLabelSetting = FeedSettings["customLabels"][number];
export type LocalStoreSetting = FeedSettings["localInventory"]["stores"][number];
export type GateThresholds = FeedSettings["gate"];
