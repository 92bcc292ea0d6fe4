import { z } from "zod";

/** Returned by a decoder to reject a value; the codec turns it into a zod issue. */
export const INVALID: unique symbol = Symbol("invalid");
export type Invalid = typeof INVALID;

/**
 * A zod field schema built from a plain decoder. `z.preprocess` is used because it also runs for
 * absent keys, which is where most of Hiboutik's "empty means none" tolerance lives.
 * `expected` completes the sentence "expected …" in issue messages.
 */
export function codec<T>(expected: string, decode: (value: unknown) => T | Invalid) {
  return z.preprocess(
    (value, ctx) => {
      const decoded = decode(value);
      if (decoded === INVALID) {
        ctx.addIssue({ code: "custom", message: `expected ${expected}` });
        return value;
      }
      return decoded;
    },
    z.custom<T>(() => true),
  );
}

/** Absent, null and "" all mean "no value" on the wire. */
export function isBlank(value: unknown): value is undefined | null | "" {
  return value === undefined || value === null || value === "";
}
