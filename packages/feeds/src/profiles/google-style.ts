import type { Availability } from "../model/item.ts";
import { AGE_GROUPS, CONDITIONS, GENDERS } from "../settings/schema.ts";
import type { ColumnSpec } from "./types.ts";

export const GOOGLE_AVAILABILITY: Readonly<Record<Availability, string>> = {
  in_stock: "in_stock",
  out_of_stock: "out_of_stock",
  preorder: "preorder",
  backorder: "backorder",
};

/** Meta, Pinterest and TikTok spell availability with spaces. */
export const SPACED_AVAILABILITY: Readonly<Record<Availability, string>> = {
  in_stock: "in stock",
  out_of_stock: "out of stock",
  preorder: "preorder",
  backorder: "available for order",
};

export interface GoogleStyleLimits {
  readonly id: number;
  readonly title: number;
  readonly description: number;
  readonly link: number;
  readonly brand: number;
  readonly extraImages: number;
  readonly availability: readonly string[];
  readonly ageGroups?: readonly string[];
  readonly identifierExists: boolean;
  /** Whether brand is required by the channel. */
  readonly brandRequired?: boolean;
  /** Column name of the id (TikTok calls it sku_id). */
  readonly idName?: string;
}

/** The Google attribute set, which Meta, Microsoft, Pinterest and TikTok also read. */
export function googleStyleColumns(limits: GoogleStyleLimits): ColumnSpec[] {
  const columns: ColumnSpec[] = [
    { name: limits.idName ?? "id", value: "id", rule: "I01", required: true, maxLength: limits.id },
    {
      name: "title",
      value: "title",
      rule: "I04",
      required: true,
      maxLength: limits.title,
      overflow: "truncate",
    },
    {
      name: "description",
      value: "description",
      rule: "I05",
      required: true,
      maxLength: limits.description,
      overflow: "truncate",
    },
    { name: "link", value: "link", rule: "I06", required: true, maxLength: limits.link },
    { name: "image_link", value: "imageLink", rule: "I06", required: true, maxLength: 2000 },
    {
      name: "additional_image_link",
      value: "additionalImageLinks",
      rule: "I07",
      maxLength: 2000,
      multi: { max: limits.extraImages, separator: "," },
    },
    {
      name: "availability",
      value: "availability",
      rule: "I08",
      required: true,
      allowed: limits.availability,
    },
    { name: "availability_date", value: "availabilityDate", rule: "I09", maxLength: 25 },
    { name: "price", value: "price", rule: "I11", required: true },
    { name: "sale_price", value: "salePrice", rule: "I12" },
    {
      name: "brand",
      value: "brand",
      rule: "I15",
      maxLength: limits.brand,
      required: limits.brandRequired ?? false,
      recommended: true,
    },
    { name: "gtin", value: "gtin", rule: "I13", maxLength: 50, recommended: true },
    { name: "mpn", value: "mpn", rule: "I15", maxLength: 70 },
  ];
  if (limits.identifierExists) {
    columns.push({
      name: "identifier_exists",
      value: "identifierExists",
      rule: "I14",
      allowed: ["no", "yes"],
    });
  }
  columns.push(
    { name: "condition", value: "condition", rule: "I10", required: true, allowed: CONDITIONS },
    {
      name: "google_product_category",
      value: "googleProductCategory",
      rule: "I16",
      recommended: true,
    },
    {
      name: "product_type",
      value: "productType",
      rule: "I16",
      maxLength: 750,
      overflow: "truncate",
    },
    { name: "item_group_id", value: "itemGroupId", rule: "G03", maxLength: 50 },
    { name: "color", value: "color", rule: "I19", maxLength: 100 },
    { name: "size", value: "size", rule: "I19", maxLength: 100 },
    { name: "gender", value: "gender", rule: "I18", allowed: GENDERS },
    { name: "age_group", value: "ageGroup", rule: "I18", allowed: limits.ageGroups ?? AGE_GROUPS },
    ...customLabelColumns(),
  );
  return columns;
}

export function customLabelColumns(): ColumnSpec[] {
  return (
    ["customLabel0", "customLabel1", "customLabel2", "customLabel3", "customLabel4"] as const
  ).map((value, index) => ({ name: `custom_label_${index}`, value, rule: "I20", maxLength: 100 }));
}

export const GOOGLE_ITEM_CHECKS = [
  "I01",
  "I06",
  "I07",
  "I09",
  "I11",
  "I12",
  "I13",
  "I16",
  "I19",
  "I24",
] as const;
