import { PICKUP_METHODS, PICKUP_SLAS } from "../settings/schema.ts";
import { GOOGLE_AVAILABILITY } from "./google-style.ts";
import type { ChannelProfile } from "./types.ts";

/**
 * Google local inventory: one row per store × item, keyed by the same `id` as the product
 * data. Store codes and pickup defaults come from the feed's `localInventory` settings.
 */
export const googleLocalInventory: ChannelProfile = {
  id: "google-local-inventory",
  channel: "google-local",
  label: "Google local inventory (TSV)",
  format: "tsv",
  extension: ".tsv",
  contentType: "text/tab-separated-values; charset=utf-8",
  rows: "store-item",
  columns: [
    { name: "store_code", value: "storeCode", rule: "L01", required: true, maxLength: 64 },
    { name: "id", value: "id", rule: "I01", required: true, maxLength: 50 },
    {
      name: "availability",
      value: "storeAvailability",
      rule: "L03",
      required: true,
      allowed: ["in_stock", "limited_availability", "on_display_to_order", "out_of_stock"],
    },
    { name: "quantity", value: "storeQuantity", rule: "L04" },
    { name: "price", value: "price", rule: "I11", required: true },
    { name: "sale_price", value: "salePrice", rule: "I12" },
    { name: "pickup_method", value: "pickupMethod", rule: "L06", allowed: PICKUP_METHODS },
    { name: "pickup_sla", value: "pickupSla", rule: "L06", allowed: PICKUP_SLAS },
  ],
  availability: GOOGLE_AVAILABILITY,
  titleVariantDetails: false,
  checks: ["I01", "I11", "I12", "L04", "L06"],
  delimited: { delimiter: "\t", quoting: "as-needed", neutraliseFormulas: false },
  reference: "https://support.google.com/merchants/answer/14819809",
};
