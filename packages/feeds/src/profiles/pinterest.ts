import type { Availability } from "../model/item.ts";
import { GOOGLE_ITEM_CHECKS, googleStyleColumns } from "./google-style.ts";
import type { ChannelProfile } from "./types.ts";

/** Pinterest has no backorder value; an item still sold out of stock is "preorder". */
const PINTEREST_AVAILABILITY: Readonly<Record<Availability, string>> = {
  in_stock: "in stock",
  out_of_stock: "out of stock",
  preorder: "preorder",
  backorder: "preorder",
};

export const pinterestCsv: ChannelProfile = {
  id: "pinterest-csv",
  channel: "pinterest",
  label: "Pinterest catalog (CSV)",
  format: "csv",
  extension: ".csv",
  contentType: "text/csv; charset=utf-8",
  rows: "item",
  columns: googleStyleColumns({
    id: 127,
    title: 500,
    description: 10_000,
    link: 511,
    brand: 100,
    extraImages: 10,
    availability: ["in stock", "out of stock", "preorder"],
    identifierExists: false,
  }),
  availability: PINTEREST_AVAILABILITY,
  titleVariantDetails: true,
  checks: [...GOOGLE_ITEM_CHECKS],
  delimited: { delimiter: ",", quoting: "as-needed", neutraliseFormulas: false },
  reference: "https://help.pinterest.com/business/article/data-source-ingestion",
};
