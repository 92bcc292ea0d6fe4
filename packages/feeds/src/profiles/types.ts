import type { Availability, ItemField } from "../model/item.ts";
import type { FeedSettings } from "../settings/schema.ts";
import type { RuleCode } from "../validation/rules.ts";

export type ProfileId =
  | "google-products-xml"
  | "google-products-tsv"
  | "google-local-inventory"
  | "meta-csv"
  | "meta-xml"
  | "microsoft-tsv"
  | "pinterest-csv"
  | "tiktok-csv"
  | "idealo-csv"
  | "generic-csv";

export type Channel =
  | "google"
  | "google-local"
  | "meta"
  | "microsoft"
  | "pinterest"
  | "tiktok"
  | "idealo"
  | "generic";

export type LocalAvailability =
  | "in_stock"
  | "limited_availability"
  | "on_display_to_order"
  | "out_of_stock";

/** Values a column can take beyond the canonical item fields. */
export type DerivedField =
  /** What the shopper pays now (sale price when there is one), amount only: idealo `price`. */
  | "chargedAmount"
  /** The regular price when on sale, amount only: idealo `formerPrice`. */
  | "formerAmount"
  /** Main image then additional ones, for channels with one image list column. */
  | "allImageLinks"
  | "productId"
  | "sizeId"
  | "storeCode"
  | "storeAvailability"
  | "storeQuantity"
  | "pickupMethod"
  | "pickupSla";

export type ColumnValue = ItemField | DerivedField | { readonly constant: string };

/**
 * One output attribute, declared as data: its name in the file, where its value comes from,
 * and the channel's constraints. Validation of required values, lengths and enumerations is
 * generic over these declarations; the rule code says which feeds.md rule a violation breaks.
 */
export interface ColumnSpec {
  readonly name: string;
  readonly value: ColumnValue;
  readonly rule: RuleCode;
  readonly required?: boolean;
  /** Counted in fill rates and flagged (warning) when empty. */
  readonly recommended?: boolean;
  readonly maxLength?: number;
  /** Free text is shortened at a word boundary (warning); identifiers are errors. */
  readonly overflow?: "truncate" | "error";
  /** The channel's enumeration, exactly as spelled in the file. */
  readonly allowed?: readonly string[];
  /** Repeated values: at most `max`, joined by `separator` in delimited files. */
  readonly multi?: { readonly max: number; readonly separator: string };
}

export interface DelimitedOptions {
  readonly delimiter: "," | "\t" | ";";
  /** as-needed: RFC 4180 quoting; never: values are made tab/newline free and never quoted. */
  readonly quoting: "as-needed" | "never";
  /** Guard cells starting with = + - @ (spreadsheet formulas). Off for files machines read. */
  readonly neutraliseFormulas: boolean;
}

export interface XmlOptions {
  /** Prefix of item elements bound to the Google namespace ("g:"). */
  readonly elementPrefix: string;
}

/** A channel format as data. Adding a channel means adding one of these. */
export interface ChannelProfile {
  readonly id: ProfileId;
  readonly channel: Channel;
  readonly label: string;
  readonly format: "rss" | "csv" | "tsv";
  readonly extension: string;
  readonly contentType: string;
  /** One row per item, or one per store × item (local inventory). */
  readonly rows: "item" | "store-item";
  readonly columns: readonly ColumnSpec[];
  /** Columns that depend on the feed's settings (idealo's delivery and payment costs). */
  readonly settingsColumns?: (settings: FeedSettings) => readonly ColumnSpec[];
  readonly availability: Readonly<Record<Availability, string>>;
  /** Append the size to the title when the title template does not use it (Google's advice). */
  readonly titleVariantDetails: boolean;
  /** Item-level rules implemented in code that apply to this channel (beyond column checks). */
  readonly checks: readonly RuleCode[];
  readonly xml?: XmlOptions;
  readonly delimited?: DelimitedOptions;
  /** Where the limits come from, to re-check them. */
  readonly reference: string;
}
