/**
 * Money is integer cents internally and a 2-decimal string on the wire ("25.00"). VAT rates are
 * integers in units of 1/100,000 (20 % = 20000), which prints directly as the fraction string
 * "0.20000" that sale lines and `/taxes` use.
 */

export function formatMoney(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Parses "12.5", "12.50" or "12" into cents; undefined when not a plain decimal. */
export function parseMoney(text: string): number | undefined {
  const match = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? "0").padEnd(2, "0"));
  return match[1] === "-" ? -cents : cents;
}

/** Integer division rounded half away from zero, like PHP's round(). */
export function divRound(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  return sign * Math.floor((2 * n + d) / (2 * d));
}

export const RATE_SCALE = 100_000;

/** Net part of a tax-inclusive amount. */
export function netOfGross(grossCents: number, rate: number): number {
  return divRound(grossCents * RATE_SCALE, RATE_SCALE + rate);
}

/** "0.20000": the 5-decimal fraction string of lines, tax summaries and `/taxes`. */
export function rateFraction(rate: number): string {
  return `0.${String(rate).padStart(5, "0")}`;
}

/** 20, 10, 5.5, 2.1: the percent number of a line's `tax_value`. */
export function ratePercent(rate: number): number {
  return rate / 1000;
}
