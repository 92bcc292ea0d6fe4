import { Decimal, type Money, type VatRate } from "@comptoir/api-client";

/** Integer cents of an amount with at most two decimals (throws otherwise). */
export function toCents(amount: Money): bigint {
  return amount.toMinorUnits(2);
}

export function fromCents(cents: bigint): Money {
  return Decimal.of(cents, 2);
}

export const ZERO_MONEY: Money = fromCents(0n);

export function sumMoney(amounts: Iterable<Money>): Money {
  let cents = 0n;
  for (const amount of amounts) cents += toCents(amount);
  return fromCents(cents);
}

/** `numerator / denominator` rounded half away from zero (commercial rounding). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** A rate as the exact fraction `numerator / denominator` (20 % = 20000 / 100000). */
function rateParts(rate: VatRate): { numerator: bigint; denominator: bigint } {
  return { numerator: rate.fraction.units, denominator: 10n ** BigInt(rate.fraction.scale) };
}

/** Net part of a VAT-inclusive amount, in cents: gross / (1 + rate), rounded. */
export function netOfGross(grossCents: bigint, rate: VatRate): bigint {
  const { numerator, denominator } = rateParts(rate);
  return divideRounded(grossCents * denominator, denominator + numerator);
}

/** VAT on a net amount, in cents: net × rate, rounded. */
export function vatOfNet(netCents: bigint, rate: VatRate): bigint {
  const { numerator, denominator } = rateParts(rate);
  return divideRounded(netCents * numerator, denominator);
}

/**
 * How far `netCents` is from the exact gross / (1 + rate), in units of 1 / (denominator + numerator)
 * of a cent: positive when the exact value is above the rounded one.
 */
export function netResidual(grossCents: bigint, netCents: bigint, rate: VatRate): bigint {
  const { numerator, denominator } = rateParts(rate);
  return grossCents * denominator - netCents * (denominator + numerator);
}

/** A VAT-inclusive price (any number of decimals) without VAT, rounded to `scale` decimals. */
export function priceWithoutVat(grossPrice: Decimal, rate: VatRate, scale: number): Decimal {
  const { numerator, denominator } = rateParts(rate);
  // gross × 10^scale / 10^grossScale × denominator / (denominator + numerator)
  const scaled = grossPrice.units * 10n ** BigInt(scale) * denominator;
  const divisor = 10n ** BigInt(grossPrice.scale) * (denominator + numerator);
  return Decimal.of(divideRounded(scaled, divisor), scale);
}

/** `a / b` rounded to `scale` decimals. */
export function divideDecimals(a: Decimal, b: Decimal, scale: number): Decimal {
  const numerator = a.units * 10n ** BigInt(scale + b.scale);
  const denominator = b.units * 10n ** BigInt(a.scale);
  return Decimal.of(divideRounded(numerator, denominator), scale);
}

/** Trailing zeros removed, but never fewer than `minScale` decimals ("8.50", "8.3333"). */
export function trimDecimals(value: Decimal, minScale: number): Decimal {
  const normalized = value.normalize();
  return normalized.scale < minScale ? normalized.round(minScale) : normalized;
}
