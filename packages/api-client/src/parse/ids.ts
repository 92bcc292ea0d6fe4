import { codec, INVALID, isBlank } from "./codec.ts";

/** Hiboutik ids are JSON integers, but some responses carry them as numeric strings. */
export function parseId(value: unknown): number | undefined {
  if (typeof value === "number")
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === "string" && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

const EXPECTED = "an id (a whole number)";

/** The record's own id: must be present. */
export const idField = codec<number>(EXPECTED, (value) => parseId(value) ?? INVALID);

/** A reference to another record where 0, "" or absence mean "none" (brand 0, customer 0…). */
export const refField = codec<number | null>(EXPECTED, (value) => {
  if (isBlank(value)) return null;
  const id = parseId(value);
  if (id === undefined) return INVALID;
  return id === 0 ? null : id;
});

/** A size id where 0 means "no size"; kept as a number so (productId, sizeId) is a plain key. */
export const sizeIdField = codec<number>(EXPECTED, (value) =>
  isBlank(value) ? 0 : (parseId(value) ?? INVALID),
);
