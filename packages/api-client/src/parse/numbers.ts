import { codec, INVALID, isBlank } from "./codec.ts";

/** Integers (positions, points, counts) as numbers or numeric strings. */
export function parseInteger(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Quantities (stock, sold units) may be fractional for goods sold by weight. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

export const integerOrNullField = codec<number | null>("a whole number", (value) =>
  isBlank(value) ? null : (parseInteger(value) ?? INVALID),
);

export const integerOrZeroField = codec<number>("a whole number", (value) =>
  isBlank(value) ? 0 : (parseInteger(value) ?? INVALID),
);

export const quantityField = codec<number>("a quantity (a number)", (value) =>
  isBlank(value) ? 0 : (parseQuantity(value) ?? INVALID),
);
