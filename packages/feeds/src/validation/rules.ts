/**
 * Stable rule codes, numbered as in feeds.md section 4.3 (the source of truth). Tests, logs,
 * run summaries and the CLI all refer to rules by these codes. `severity` is the default; a few
 * rules report a warning variant (e.g. I13 for a barcode that is kept out of `gtin`).
 */
export type Severity = "error" | "warning";

export interface RuleDefinition {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly title: string;
}

export const RULES = {
  X01: { severity: "error", title: "XML parses with a strict parser" },
  X04: { severity: "error", title: "Only the five XML entities and numeric references" },
  X05: {
    severity: "error",
    title: "Only XML 1.0 characters (invalid characters removed from text)",
  },
  I01: { severity: "error", title: "id present, within the channel limit, ASCII recommended" },
  I02: { severity: "error", title: "id unique in the file" },
  I04: { severity: "error", title: "title present and within the channel limit" },
  I05: { severity: "error", title: "description within the channel limit, plain text" },
  I06: {
    severity: "error",
    title: "link and image_link are absolute http(s) URLs on allowed hosts",
  },
  I07: {
    severity: "error",
    title: "image_link has an image extension; extra images within the cap",
  },
  I08: { severity: "error", title: "availability in the channel's enumeration" },
  I09: { severity: "error", title: "preorder/backorder carry availability_date" },
  I10: { severity: "error", title: "condition in the channel's enumeration" },
  I11: {
    severity: "error",
    title: "price is '<amount> <ISO 4217>', positive, in the feed currency",
  },
  I12: { severity: "error", title: "sale_price same format and strictly below price" },
  I13: { severity: "error", title: "gtin is a real GTIN (digits, length, check digit, ranges)" },
  I14: { severity: "warning", title: "identifier_exists used consistently" },
  I15: { severity: "error", title: "brand and mpn within 70 characters" },
  I16: {
    severity: "error",
    title: "google_product_category in the taxonomy; product_type within 750",
  },
  I17: { severity: "error", title: "apparel items carry color, gender, age_group (and size)" },
  I18: { severity: "error", title: "gender and age_group in their enumerations" },
  I19: { severity: "error", title: "color and size well-formed" },
  I20: { severity: "error", title: "custom labels within 100 characters, at most 1000 values" },
  I24: {
    severity: "warning",
    title: "text hygiene (HTML stripped, mojibake, repaired characters)",
  },
  G01: { severity: "error", title: "no item id equals an item_group_id" },
  G02: { severity: "error", title: "no parent rows" },
  G03: { severity: "error", title: "item_group_id well-formed" },
  G04: { severity: "error", title: "brand identical within a group" },
  G05: { severity: "error", title: "variants of a group differ by their variant attributes" },
  G06: { severity: "warning", title: "variants have their own link" },
  G07: { severity: "warning", title: "title policy of the channel within a group" },
  L01: { severity: "error", title: "store_code present and configured" },
  L03: { severity: "error", title: "local availability in its enumeration" },
  L04: { severity: "error", title: "quantity is a whole number, consistent with availability" },
  L06: { severity: "error", title: "pickup_method and pickup_sla in their enumerations" },
  L08: { severity: "warning", title: "each store has at least one item in stock" },
  S01: { severity: "error", title: "source products in ascending id order, each once" },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type RuleCode = keyof typeof RULES;

export function ruleDefinition(code: RuleCode): RuleDefinition {
  return { code, ...RULES[code] };
}

/** One problem found on one item (or one local-inventory row). */
export interface Finding {
  readonly code: RuleCode;
  readonly severity: Severity;
  /** The output attribute concerned, e.g. "gtin". */
  readonly attribute: string | null;
  readonly message: string;
  /** The offending value, shortened for display. */
  readonly value?: string;
}

export function finding(
  code: RuleCode,
  attribute: string | null,
  message: string,
  options: { severity?: Severity; value?: string | null } = {},
): Finding {
  const severity = options.severity ?? RULES[code].severity;
  // Two literal shapes rather than a spread: the same keys in the same order, no temporary object.
  if (options.value == null) return { code, severity, attribute, message };
  return { code, severity, attribute, message, value: shorten(options.value) };
}

function shorten(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}…` : value;
}

/** Why a product or variant was left out before validation (feed filters, not errors). */
export type FilterReason =
  | "archived"
  | "not-published-on-web"
  | "category-hidden-from-web"
  | "category-not-selected"
  | "category-excluded"
  | "brand-not-selected"
  | "price-out-of-range"
  | "out-of-stock"
  | "no-image"
  | "no-gtin";
