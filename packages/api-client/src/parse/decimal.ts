/**
 * Exact decimal number: `units × 10^-scale`, backed by a bigint.
 * Money and VAT rates go through this type so that no amount is ever a binary float.
 */
export class Decimal {
  /** The value in units of 10^-scale, e.g. 2500n for "25.00". */
  readonly units: bigint;
  /** Number of digits after the decimal point, as written on the wire (or after an operation). */
  readonly scale: number;

  private constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }

  static readonly ZERO = new Decimal(0n, 0);

  /** `Decimal.of(2500n, 2)` is 25.00. */
  static of(units: bigint | number, scale = 0): Decimal {
    if (!Number.isInteger(scale) || scale < 0 || scale > 30) {
      throw new RangeError(`Decimal scale must be an integer between 0 and 30, got ${scale}`);
    }
    if (typeof units === "number" && !Number.isSafeInteger(units)) {
      throw new RangeError(`Decimal units must be a safe integer, got ${units}`);
    }
    return new Decimal(BigInt(units), scale);
  }

  /**
   * Parses "25.00", "-3.5", "0.05500", "1e-3" or a JSON number. A number is read through its
   * shortest round-trip text, which is exactly what the JSON document said (e.g. 13.5 → "13.5").
   * Throws RangeError on anything else.
   */
  static parse(input: string | number | bigint): Decimal {
    const parsed = Decimal.tryParse(input);
    if (parsed === undefined) {
      throw new RangeError(`Not a decimal number: ${JSON.stringify(String(input))}`);
    }
    return parsed;
  }

  static tryParse(input: unknown): Decimal | undefined {
    if (typeof input === "bigint") return new Decimal(input, 0);
    if (typeof input === "number") {
      return Number.isFinite(input) ? parseText(String(input)) : undefined;
    }
    if (typeof input === "string") return parseText(input.trim());
    return undefined;
  }

  static isDecimal(value: unknown): value is Decimal {
    return value instanceof Decimal;
  }

  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.unitsAt(scale) + other.unitsAt(scale), scale);
  }

  sub(other: Decimal): Decimal {
    return this.add(other.neg());
  }

  /** Exact product; the scale is the sum of both scales (use `round` to bring it back). */
  mul(other: Decimal | bigint | number): Decimal {
    const factor = other instanceof Decimal ? other : Decimal.parse(other);
    return new Decimal(this.units * factor.units, this.scale + factor.scale);
  }

  neg(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  abs(): Decimal {
    return this.units < 0n ? this.neg() : this;
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const scale = Math.max(this.scale, other.scale);
    const a = this.unitsAt(scale);
    const b = other.unitsAt(scale);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  /** Numeric equality: "0.200" equals "0.2". */
  equals(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  /**
   * Same value at another scale. Growing the scale is exact; shrinking it rounds half away from
   * zero (commercial rounding) unless `half-even` is asked for.
   */
  round(scale: number, mode: "half-up" | "half-even" = "half-up"): Decimal {
    if (scale >= this.scale) return new Decimal(this.unitsAt(scale), scale);
    const divisor = 10n ** BigInt(this.scale - scale);
    const negative = this.units < 0n;
    const magnitude = negative ? -this.units : this.units;
    let quotient = magnitude / divisor;
    const twiceRemainder = (magnitude % divisor) * 2n;
    if (
      twiceRemainder > divisor ||
      (twiceRemainder === divisor && (mode === "half-up" || quotient % 2n === 1n))
    ) {
      quotient += 1n;
    }
    return new Decimal(negative ? -quotient : quotient, scale);
  }

  /** Drops trailing zeros: "0.20000" → "0.2". */
  normalize(): Decimal {
    let units = this.units;
    let scale = this.scale;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale -= 1;
    }
    return new Decimal(units, scale);
  }

  /** Integer minor units at `scale` (cents by default); throws if that would lose digits. */
  toMinorUnits(scale = 2): bigint {
    const normalized = this.normalize();
    if (normalized.scale > scale) {
      throw new RangeError(`${this.toString()} has more than ${scale} decimals`);
    }
    return normalized.unitsAt(scale);
  }

  toFixed(scale: number): string {
    return this.round(scale).toString();
  }

  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, "0");
    const sign = negative ? "-" : "";
    if (this.scale === 0) return sign + digits;
    const cut = digits.length - this.scale;
    return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }

  toJSON(): string {
    return this.toString();
  }

  /** For display only (charts, logs); never use the result in a total. */
  toNumber(): number {
    return Number(this.toString());
  }

  private unitsAt(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }
}

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

function parseText(text: string): Decimal | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = "", exponentText = "0"] = match;
  if (whole === "" && fraction === "") return undefined;
  const exponent = Number(exponentText);
  let units = BigInt(`${whole}${fraction}` || "0");
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (scale > 30) return undefined;
  return Decimal.of(sign === "-" ? -units : units, scale);
}
