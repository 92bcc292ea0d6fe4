import { GOOGLE_AVAILABILITY, GOOGLE_ITEM_CHECKS, googleStyleColumns } from "./google-style.ts";
import type { ChannelProfile } from "./types.ts";

/**
 * Microsoft Merchant Center tab-delimited feed. Microsoft's parser may not honour quoted
 * fields ("do not enclose in quotes"), so values are never quoted (rule T05).
 */
export const microsoftTsv: ChannelProfile = {
  id: "microsoft-tsv",
  channel: "microsoft",
  label: "Microsoft Merchant Center (TSV)",
  format: "tsv",
  extension: ".txt",
  contentType: "text/tab-separated-values; charset=utf-8",
  rows: "item",
  columns: googleStyleColumns({
    id: 50,
    title: 150,
    description: 10_000,
    link: 2000,
    brand: 70,
    extraImages: 10,
    availability: Object.values(GOOGLE_AVAILABILITY),
    identifierExists: true,
  }),
  availability: GOOGLE_AVAILABILITY,
  titleVariantDetails: true,
  checks: [...GOOGLE_ITEM_CHECKS, "I14"],
  delimited: { delimiter: "\t", quoting: "never", neutraliseFormulas: false },
  reference: "https://help.ads.microsoft.com/apex/index/3/en/51084",
};
