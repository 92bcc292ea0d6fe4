import type { LocalDate } from "@comptoir/api-client";

/**
 * Invoice number patterns such as `F{YYYY}-{seq:6}` → "F2026-000042".
 *
 * Placeholders: `{YYYY}` `{YY}` `{MM}` `{DD}` (issue date) and exactly one `{seq}` or `{seq:N}`
 * (the sequence, zero-padded to N digits, 1 ≤ N ≤ 12; it grows past N rather than wrap).
 * Literal text may use letters, digits and `+ - _ /` only, and a number is at most 35 characters:
 * the French e-invoicing rules (BR-FR-01/02) reject anything else.
 */

export type SequenceReset = "never" | "yearly" | "monthly";

type Token =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "date"; readonly part: "YYYY" | "YY" | "MM" | "DD" }
  | { readonly kind: "sequence"; readonly width: number };

export interface NumberPattern {
  readonly source: string;
  readonly tokens: readonly Token[];
  /** Length of a number whose sequence fits the padding. */
  readonly length: number;
}

export const MAX_NUMBER_LENGTH = 35;
const LITERAL = /^[A-Za-z0-9+\-_/]+$/;
const DATE_WIDTH = { YYYY: 4, YY: 2, MM: 2, DD: 2 } as const;

export class InvalidNumberPatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid invoice number pattern "${pattern}": ${problems.join("; ")}`);
    this.name = "InvalidNumberPatternError";
  }
}

function tokenize(pattern: string, problems: string[]): Token[] {
  const tokens: Token[] = [];
  const placeholder = /\{([^{}]*)\}/g;
  let last = 0;
  for (const match of pattern.matchAll(placeholder)) {
    const literal = pattern.slice(last, match.index);
    if (literal !== "") tokens.push({ kind: "literal", text: literal });
    last = match.index + match[0].length;
    const name = match[1] ?? "";
    const sequence = /^seq(?::(\d{1,2}))?$/.exec(name);
    if (name === "YYYY" || name === "YY" || name === "MM" || name === "DD") {
      tokens.push({ kind: "date", part: name });
    } else if (sequence) {
      const width = sequence[1] === undefined ? 1 : Number(sequence[1]);
      if (width < 1 || width > 12) problems.push(`{seq:N} needs 1 ≤ N ≤ 12, got ${width}`);
      tokens.push({ kind: "sequence", width });
    } else {
      problems.push(`unknown placeholder {${name}} (use {YYYY} {YY} {MM} {DD} {seq} {seq:N})`);
    }
  }
  const rest = pattern.slice(last);
  if (rest !== "") tokens.push({ kind: "literal", text: rest });
  return tokens;
}

/** Parses and checks a pattern; throws `InvalidNumberPatternError` listing every problem. */
export function parseNumberPattern(
  pattern: string,
  options: { readonly reset?: SequenceReset } = {},
): NumberPattern {
  const problems: string[] = [];
  const tokens = tokenize(pattern, problems);
  for (const token of tokens) {
    if (token.kind !== "literal") continue;
    if (/[{}]/.test(token.text)) problems.push(`unbalanced brace in "${token.text}"`);
    else if (!LITERAL.test(token.text)) {
      problems.push(`"${token.text}": literal text may only use letters, digits and + - _ /`);
    }
  }
  const sequences = tokens.filter((token) => token.kind === "sequence").length;
  if (sequences !== 1) problems.push(`the pattern needs exactly one {seq}, found ${sequences}`);
  const parts = new Set(tokens.flatMap((token) => (token.kind === "date" ? [token.part] : [])));
  const hasYear = parts.has("YYYY") || parts.has("YY");
  if (options.reset === "yearly" && !hasYear) {
    problems.push("a sequence reset every year needs {YYYY} or {YY}, or numbers would repeat");
  }
  if (options.reset === "monthly" && !(hasYear && parts.has("MM"))) {
    problems.push("a sequence reset every month needs the year and {MM}, or numbers would repeat");
  }
  const length = tokens.reduce(
    (sum, token) =>
      sum +
      (token.kind === "literal"
        ? token.text.length
        : token.kind === "date"
          ? DATE_WIDTH[token.part]
          : token.width),
    0,
  );
  if (length > MAX_NUMBER_LENGTH) {
    problems.push(`numbers would be ${length} characters long, ${MAX_NUMBER_LENGTH} at most`);
  }
  if (problems.length > 0) throw new InvalidNumberPatternError(pattern, problems);
  return { source: pattern, tokens, length };
}

function dateParts(date: LocalDate): { YYYY: string; YY: string; MM: string; DD: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.slice(0, 10));
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): "${date}"`);
  const [, year = "", month = "", day = ""] = match;
  return { YYYY: year, YY: year.slice(2), MM: month, DD: day };
}

/** "F{YYYY}-{seq:6}" with 2026-03-14 and 42 → "F2026-000042". */
export function formatInvoiceNumber(
  pattern: string | NumberPattern,
  values: { readonly date: LocalDate; readonly sequence: number },
): string {
  const parsed = typeof pattern === "string" ? parseNumberPattern(pattern) : pattern;
  if (!Number.isSafeInteger(values.sequence) || values.sequence < 1) {
    throw new RangeError(`the sequence starts at 1, got ${values.sequence}`);
  }
  const date = dateParts(values.date);
  const number = parsed.tokens
    .map((token) => {
      if (token.kind === "literal") return token.text;
      if (token.kind === "date") return date[token.part];
      return String(values.sequence).padStart(token.width, "0");
    })
    .join("");
  if (number.length > MAX_NUMBER_LENGTH) {
    throw new RangeError(
      `invoice number "${number}" is longer than ${MAX_NUMBER_LENGTH} characters`,
    );
  }
  return number;
}

/**
 * The period a sequence counts in: "" (never reset), "2026" (yearly) or "2026-03" (monthly).
 * The numbering store keeps one counter per (series, period).
 */
export function sequencePeriod(reset: SequenceReset, date: LocalDate): string {
  const { YYYY, MM } = dateParts(date);
  if (reset === "yearly") return YYYY;
  if (reset === "monthly") return `${YYYY}-${MM}`;
  return "";
}
