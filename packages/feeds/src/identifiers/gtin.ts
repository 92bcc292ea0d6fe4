import { trimmedText } from "../text/clean.ts";

/**
 * GTIN checks (feeds.md 1.1.4 and rule I13). A POS barcode field holds three kinds of codes:
 * manufacturer GTINs, Hiboutik's internal `243…` codes, and whatever was typed. Only the first
 * kind may be sent as `gtin`.
 */
export type GtinVerdict =
  | { readonly ok: true; readonly gtin: string }
  | { readonly ok: false; readonly reason: GtinProblem; readonly severity: "error" | "warning" };

export type GtinProblem =
  /** Not 8, 12, 13 or 14 digits (letters, spaces inside, scientific notation…). */
  | "not-digits"
  | "bad-length"
  | "check-digit"
  | "all-zeros"
  /** Coupon ranges Google rejects: 05, 99, 981–984. */
  | "coupon-range"
  /** Hiboutik's own `243` + product id code. */
  | "internal-code"
  /** GS1 restricted circulation (02, 04, 20–29): in-store or variable-weight codes. */
  | "restricted-range";

const LENGTHS = new Set([8, 12, 13, 14]);

/** GS1 mod-10 over a code of any length: weights 3,1,3,… from the right, check digit excluded. */
export function hasValidCheckDigit(code: string): boolean {
  let sum = 0;
  let weight = 3;
  for (let i = code.length - 2; i >= 0; i--) {
    sum += (code.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10 === code.charCodeAt(code.length - 1) - 48;
}

/**
 * Classifies a barcode. Errors are codes that are not GTINs at all; warnings are valid codes
 * that are not globally unique (restricted or internal). Either way only `ok` codes are sent.
 */
export function checkGtin(raw: string): GtinVerdict {
  // The item model checks each variant's barcode, then rule I13 checks the GTINs it kept: the
  // same strings, a few items later. Verdicts are immutable, so the last few are reused.
  for (const entry of recentChecks) if (entry.raw === raw) return entry.verdict;
  const verdict = classify(raw);
  recentChecks[nextCheck] = { raw, verdict };
  nextCheck = (nextCheck + 1) % recentChecks.length;
  return verdict;
}

const NO_VERDICT: GtinVerdict = { ok: false, reason: "not-digits", severity: "error" };
/** More than the variants of one product, so that a product's checks find theirs. */
const recentChecks: { raw: string | null; verdict: GtinVerdict }[] = Array.from(
  { length: 8 },
  () => ({ raw: null, verdict: NO_VERDICT }),
);
let nextCheck = 0;

function classify(raw: string): GtinVerdict {
  const code = trimmedText(raw);
  if (!/^\d+$/.test(code)) return { ok: false, reason: "not-digits", severity: "error" };
  if (!LENGTHS.has(code.length)) return { ok: false, reason: "bad-length", severity: "error" };
  if (/^0+$/.test(code)) return { ok: false, reason: "all-zeros", severity: "error" };
  if (!hasValidCheckDigit(code)) return { ok: false, reason: "check-digit", severity: "error" };
  // Prefix rules apply to the GTIN-13 view of the code (a GTIN-12 is a GTIN-13 with a leading 0).
  const thirteen = code.length === 14 ? code.slice(1) : code.padStart(13, "0");
  if (code.length !== 8) {
    if (/^243/.test(thirteen) && code.length === 13) {
      return { ok: false, reason: "internal-code", severity: "warning" };
    }
    if (/^(05|99|98[1-4])/.test(thirteen))
      return { ok: false, reason: "coupon-range", severity: "error" };
    if (/^(02|04|2\d)/.test(thirteen))
      return { ok: false, reason: "restricted-range", severity: "warning" };
  }
  return { ok: true, gtin: code };
}

export const GTIN_PROBLEM_TEXT: Readonly<Record<GtinProblem, string>> = {
  "not-digits": "is not made of digits only",
  "bad-length": "does not have 8, 12, 13 or 14 digits",
  "check-digit": "fails the GS1 check digit",
  "all-zeros": "is all zeros",
  "coupon-range": "is in a coupon range (05, 99, 981–984) that channels reject",
  "internal-code": "is Hiboutik's internal 243… code, not a manufacturer GTIN",
  "restricted-range": "is a GS1 restricted-circulation code (02, 04, 2x: in-store use only)",
};
