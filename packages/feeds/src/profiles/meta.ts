import { AGE_GROUPS } from "../settings/schema.ts";
import { GOOGLE_ITEM_CHECKS, googleStyleColumns, SPACED_AVAILABILITY } from "./google-style.ts";
import type { ChannelProfile } from "./types.ts";

const columns = googleStyleColumns({
  id: 100,
  title: 200,
  description: 9999,
  link: 2000,
  brand: 100,
  extraImages: 20,
  availability: Object.values(SPACED_AVAILABILITY),
  ageGroups: [...AGE_GROUPS, "all ages", "teen"],
  identifierExists: false,
});

const common = {
  channel: "meta",
  rows: "item",
  columns,
  availability: SPACED_AVAILABILITY,
  // Meta keeps one title for all variants of a group (rule G07).
  titleVariantDetails: false,
  checks: [...GOOGLE_ITEM_CHECKS],
  reference: "https://developers.facebook.com/docs/commerce-platform/catalog/fields",
} as const;

/** Meta commerce catalog as CSV (Google attribute names, Meta spellings and limits). */
export const metaCsv: ChannelProfile = {
  ...common,
  id: "meta-csv",
  label: "Meta catalog (CSV)",
  format: "csv",
  extension: ".csv",
  contentType: "text/csv; charset=utf-8",
  delimited: { delimiter: ",", quoting: "as-needed", neutraliseFormulas: false },
};

/** Meta commerce catalog as RSS XML, one element per line (Meta's 5 MB line limit, X08). */
export const metaXml: ChannelProfile = {
  ...common,
  id: "meta-xml",
  label: "Meta catalog (XML)",
  format: "rss",
  extension: ".xml",
  contentType: "application/xml; charset=utf-8",
  xml: { elementPrefix: "g:" },
};
