import { codec, INVALID, isBlank } from "./codec.ts";
import { Decimal } from "./decimal.ts";

const HUNDRED = Decimal.of(100n);

/**
 * A VAT rate held exactly as a fraction (20 % = 0.2). Hiboutik writes rates both as fraction
 * strings ("0.20000", "0.200") and as percent numbers (20, 8.5); both land here and compare equal.
 */
export class VatRate {
  /** The rate as a fraction with trailing zeros removed, e.g. 0.055. */
  readonly fraction: Decimal;

  private constructor(fraction: Decimal) {
    this.fraction = fraction.normalize();
  }

  static fromFraction(value: Decimal | string | number): VatRate {
    const fraction = value instanceof Decimal ? value : Decimal.parse(value);
    return VatRate.checked(fraction);
  }

  static fromPercent(value: Decimal | string | number): VatRate {
    const percent = value instanceof Decimal ? value : Decimal.parse(value);
    // Dividing by 100 is exact: it only moves the decimal point.
    return VatRate.checked(Decimal.of(percent.units, percent.scale + 2));
  }

  /** 5.5 for 5.5 %. */
  get percent(): Decimal {
    return this.fraction.mul(HUNDRED).normalize();
  }

  equals(other: VatRate): boolean {
    return this.fraction.equals(other.fraction);
  }

  /** "20%", "5.5%". */
  toString(): string {
    return `${this.percent.toString()}%`;
  }

  toJSON(): string {
    return this.toString();
  }

  private static checked(fraction: Decimal): VatRate {
    if (fraction.isNegative() || fraction.compare(Decimal.of(1n)) >= 0) {
      throw new RangeError(`VAT rate out of range: ${fraction.toString()}`);
    }
    return new VatRate(fraction);
  }
}

/**
 * Reads a rate whatever its notation. `hint` is what the field is documented to carry; a value
 * that cannot be a fraction (≥ 1) is read as a percent, and "20%" always is. A percent field is
 * never read as a fraction, because real percent rates below 1 exist (0.9 % in Corsica).
 */
export function parseVatRate(value: unknown, hint: "fraction" | "percent"): VatRate | undefined {
  let text = value;
  let percent = hint === "percent";
  if (typeof value === "string" && value.trim().endsWith("%")) {
    text = value.trim().slice(0, -1);
    percent = true;
  }
  const decimal = Decimal.tryParse(text);
  if (decimal === undefined || decimal.isNegative() || decimal.compare(HUNDRED) >= 0) {
    return undefined;
  }
  if (!percent && decimal.compare(Decimal.of(1n)) >= 0) percent = true;
  return percent ? VatRate.fromPercent(decimal) : VatRate.fromFraction(decimal);
}

const EXPECTED = 'a VAT rate as a fraction ("0.200") or a percent (20)';

export const vatFractionField = codec<VatRate>(
  EXPECTED,
  (value) => parseVatRate(value, "fraction") ?? INVALID,
);
export const optionalVatFractionField = codec<VatRate | null>(EXPECTED, (value) =>
  isBlank(value) ? null : (parseVatRate(value, "fraction") ?? INVALID),
);
export const optionalVatPercentField = codec<VatRate | null>(EXPECTED, (value) =>
  isBlank(value) ? null : (parseVatRate(value, "percent") ?? INVALID),
);
