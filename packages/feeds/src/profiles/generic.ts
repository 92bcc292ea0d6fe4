import { AGE_GROUPS, CONDITIONS, GENDERS } from "../settings/schema.ts";
import { customLabelColumns, GOOGLE_AVAILABILITY } from "./google-style.ts";
import type { ChannelProfile } from "./types.ts";

/**
 * Full-catalog CSV for feed managers (Lengow, Channable, BeezUP…): every canonical attribute,
 * Google names, no channel limits. Column names stay fixed once a merchant connects it.
 */
export const genericCsv: ChannelProfile = {
  id: "generic-csv",
  channel: "generic",
  label: "Full catalog (CSV, for feed managers)",
  format: "csv",
  extension: ".csv",
  contentType: "text/csv; charset=utf-8",
  rows: "item",
  columns: [
    { name: "id", value: "id", rule: "I01", required: true },
    { name: "item_group_id", value: "itemGroupId", rule: "G03" },
    { name: "product_id", value: "productId", rule: "I01" },
    { name: "size_id", value: "sizeId", rule: "I01" },
    { name: "title", value: "title", rule: "I04", required: true },
    { name: "description", value: "description", rule: "I05", recommended: true },
    { name: "link", value: "link", rule: "I06", required: true },
    { name: "image_link", value: "imageLink", rule: "I06", recommended: true },
    {
      name: "additional_image_link",
      value: "additionalImageLinks",
      rule: "I07",
      multi: { max: 50, separator: "," },
    },
    {
      name: "availability",
      value: "availability",
      rule: "I08",
      required: true,
      allowed: Object.values(GOOGLE_AVAILABILITY),
    },
    { name: "quantity", value: "quantity", rule: "L04" },
    { name: "price", value: "price", rule: "I11", required: true },
    { name: "sale_price", value: "salePrice", rule: "I12" },
    { name: "brand", value: "brand", rule: "I15", recommended: true },
    { name: "gtin", value: "gtin", rule: "I13", recommended: true },
    { name: "mpn", value: "mpn", rule: "I15" },
    { name: "condition", value: "condition", rule: "I10", allowed: CONDITIONS },
    { name: "size", value: "size", rule: "I19" },
    { name: "color", value: "color", rule: "I19" },
    { name: "gender", value: "gender", rule: "I18", allowed: GENDERS },
    { name: "age_group", value: "ageGroup", rule: "I18", allowed: AGE_GROUPS },
    { name: "google_product_category", value: "googleProductCategory", rule: "I16" },
    { name: "product_type", value: "productType", rule: "I16" },
    ...customLabelColumns(),
    { name: "updated_at", value: "updatedAt", rule: "I24" },
  ],
  availability: GOOGLE_AVAILABILITY,
  titleVariantDetails: false,
  checks: ["I06", "I11", "I12", "I13", "I24"],
  delimited: { delimiter: ",", quoting: "as-needed", neutraliseFormulas: false },
  reference: "feeds.md section 1.8 (Lengow source catalogue advice)",
};
