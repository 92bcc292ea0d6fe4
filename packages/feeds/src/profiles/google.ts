import { GOOGLE_AVAILABILITY, GOOGLE_ITEM_CHECKS, googleStyleColumns } from "./google-style.ts";
import type { ChannelProfile } from "./types.ts";

const columns = googleStyleColumns({
  id: 50,
  title: 150,
  description: 5000,
  link: 2000,
  brand: 70,
  extraImages: 10,
  availability: Object.values(GOOGLE_AVAILABILITY),
  identifierExists: true,
});

const common = {
  channel: "google",
  rows: "item",
  columns,
  availability: GOOGLE_AVAILABILITY,
  titleVariantDetails: true,
  checks: [...GOOGLE_ITEM_CHECKS, "I14", "I17"],
  reference: "https://support.google.com/merchants/answer/7052112",
} as const;

/** Google Merchant Center product data, RSS 2.0 with every attribute as a `g:` element. */
export const googleProductsXml: ChannelProfile = {
  ...common,
  id: "google-products-xml",
  label: "Google Merchant Center products (XML)",
  format: "rss",
  extension: ".xml",
  contentType: "application/xml; charset=utf-8",
  xml: { elementPrefix: "g:" },
};

/** The same data as tab-separated text (quoted-fields mode, Google's default for new sources). */
export const googleProductsTsv: ChannelProfile = {
  ...common,
  id: "google-products-tsv",
  label: "Google Merchant Center products (TSV)",
  format: "tsv",
  extension: ".tsv",
  contentType: "text/tab-separated-values; charset=utf-8",
  delimited: { delimiter: "\t", quoting: "as-needed", neutraliseFormulas: false },
};
