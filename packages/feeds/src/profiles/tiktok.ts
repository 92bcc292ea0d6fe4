import { GOOGLE_ITEM_CHECKS, googleStyleColumns, SPACED_AVAILABILITY } from "./google-style.ts";
import type { ChannelProfile } from "./types.ts";

/** TikTok catalog CSV. Limits are third-party figures (feeds.md 1.6, unverified). */
export const tiktokCsv: ChannelProfile = {
  id: "tiktok-csv",
  channel: "tiktok",
  label: "TikTok catalog (CSV)",
  format: "csv",
  extension: ".csv",
  contentType: "text/csv; charset=utf-8",
  rows: "item",
  columns: googleStyleColumns({
    idName: "sku_id",
    id: 50,
    title: 255,
    description: 5000,
    link: 2000,
    brand: 100,
    brandRequired: true,
    extraImages: 10,
    availability: Object.values(SPACED_AVAILABILITY),
    identifierExists: false,
  }),
  availability: SPACED_AVAILABILITY,
  titleVariantDetails: true,
  checks: [...GOOGLE_ITEM_CHECKS],
  delimited: { delimiter: ",", quoting: "as-needed", neutraliseFormulas: false },
  reference: "https://ads.tiktok.com/help/article/catalog-product-parameters",
};
