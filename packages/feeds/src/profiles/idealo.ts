import { GOOGLE_AVAILABILITY } from "./google-style.ts";
import type { ChannelProfile } from "./types.ts";

/**
 * idealo offers CSV: one offer per variant (no grouping), current price plus the former price
 * when on sale, images separated by `;`. Delivery and payment cost columns come from the feed's
 * `idealo` settings.
 */
export const idealoCsv: ChannelProfile = {
  id: "idealo-csv",
  channel: "idealo",
  label: "idealo offers (CSV)",
  format: "csv",
  extension: ".csv",
  contentType: "text/csv; charset=utf-8",
  rows: "item",
  columns: [
    { name: "sku", value: "id", rule: "I01", required: true, maxLength: 100 },
    { name: "brand", value: "brand", rule: "I15", maxLength: 100, recommended: true },
    {
      name: "title",
      value: "title",
      rule: "I04",
      required: true,
      maxLength: 255,
      overflow: "truncate",
    },
    {
      name: "categoryPath",
      value: "productType",
      rule: "I16",
      maxLength: 750,
      overflow: "truncate",
      recommended: true,
    },
    { name: "url", value: "link", rule: "I06", required: true, maxLength: 2000 },
    { name: "eans", value: "gtin", rule: "I13", recommended: true },
    { name: "hans", value: "mpn", rule: "I15", maxLength: 70 },
    {
      name: "description",
      value: "description",
      rule: "I05",
      maxLength: 10_000,
      overflow: "truncate",
      recommended: true,
    },
    { name: "price", value: "chargedAmount", rule: "I11", required: true },
    { name: "formerPrice", value: "formerAmount", rule: "I12" },
    {
      name: "imageUrls",
      value: "allImageLinks",
      rule: "I07",
      maxLength: 2000,
      multi: { max: 20, separator: ";" },
      recommended: true,
    },
    { name: "size", value: "size", rule: "I19", maxLength: 100 },
    { name: "colour", value: "color", rule: "I19", maxLength: 100 },
    { name: "gender", value: "gender", rule: "I18" },
  ],
  settingsColumns: (settings) => [
    {
      name: "deliveryTime",
      value: { constant: settings.idealo.deliveryTime ?? "" },
      rule: "I24",
      recommended: true,
    },
    ...Object.entries(settings.idealo.deliveryCosts).map(([carrier, amount]) => ({
      name: `deliveryCosts_${carrier}`,
      value: { constant: amount.round(2).toString() },
      rule: "I11" as const,
    })),
    ...Object.entries(settings.idealo.paymentCosts).map(([method, amount]) => ({
      name: `paymentCosts_${method}`,
      value: { constant: amount.round(2).toString() },
      rule: "I11" as const,
    })),
  ],
  availability: GOOGLE_AVAILABILITY,
  titleVariantDetails: true,
  checks: ["I01", "I06", "I07", "I12", "I13", "I19", "I24"],
  delimited: { delimiter: ",", quoting: "as-needed", neutraliseFormulas: false },
  reference: "https://idealo.github.io/csv-importer/en/csv",
};
