import { codec, INVALID, isBlank } from "./codec.ts";
import { Decimal } from "./decimal.ts";

/** An amount in the account's currency, exact. Hiboutik writes money as "25.00". */
export type Money = Decimal;

/** Money keeps at least two decimals so that "25" and 25 print as "25.00". */
export function parseMoney(value: unknown): Money | undefined {
  const decimal = Decimal.tryParse(value);
  if (decimal === undefined) return undefined;
  return decimal.scale < 2 ? decimal.round(2) : decimal;
}

const EXPECTED = 'a decimal amount like "25.00"';

export const moneyField = codec<Money>(EXPECTED, (value) => parseMoney(value) ?? INVALID);

/** Absent or "" → null; "0.00" stays a zero amount. */
export const optionalMoneyField = codec<Money | null>(EXPECTED, (value) =>
  isBlank(value) ? null : (parseMoney(value) ?? INVALID),
);

/** For amounts where zero means "none" (e.g. `product_discount_price`). */
export const positiveMoneyOrNullField = codec<Money | null>(EXPECTED, (value) => {
  if (isBlank(value)) return null;
  const money = parseMoney(value);
  if (money === undefined) return INVALID;
  return money.isZero() ? null : money;
});

/** A plain exact decimal that is not money (percentages, misc decimals); blank → null. */
export const optionalDecimalField = codec<Decimal | null>("a decimal number", (value) =>
  isBlank(value) ? null : (Decimal.tryParse(value) ?? INVALID),
);
