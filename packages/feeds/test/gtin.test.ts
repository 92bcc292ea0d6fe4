import { describe, expect, it } from "vitest";
import { checkGtin, hasValidCheckDigit } from "../src/index.ts";

describe("GTIN checks (feeds.md 1.1.4, rule I13)", () => {
  it.each([
    "4006381333931",
    "012345678905",
    "96385074",
    "10012345678902",
    "3001234567892",
    "735858293167",
  ])("accepts the verified vector %s", (code) => {
    expect(checkGtin(code)).toEqual({ ok: true, gtin: code });
  });

  it.each(["0884776536842", "4856349257328"])(
    "rejects the known-bad documentation example %s",
    (code) => {
      expect(hasValidCheckDigit(code)).toBe(false);
      expect(checkGtin(code)).toMatchObject({
        ok: false,
        reason: "check-digit",
        severity: "error",
      });
    },
  );

  it("rejects Hiboutik's internal 243… codes even though their check digit is valid", () => {
    expect(hasValidCheckDigit("2430000000300")).toBe(true);
    expect(checkGtin("2430000000300")).toMatchObject({ ok: false, reason: "internal-code" });
  });

  it("treats restricted-circulation codes as warnings and coupon ranges as errors", () => {
    expect(checkGtin("2000000000008")).toMatchObject({
      ok: false,
      reason: "restricted-range",
      severity: "warning",
    });
    expect(checkGtin("9900000000004")).toMatchObject({
      ok: false,
      reason: "coupon-range",
      severity: "error",
    });
    expect(checkGtin("0500000000005")).toMatchObject({ ok: false, reason: "coupon-range" });
  });

  it.each([
    ["1.23E+12", "not-digits"],
    ["400638133393", "check-digit"],
    ["40063813339", "bad-length"],
    ["0000000000000", "all-zeros"],
    ["SKU-123", "not-digits"],
  ])("rejects %s (%s)", (code, reason) => {
    expect(checkGtin(code)).toMatchObject({ ok: false, reason });
  });
});
