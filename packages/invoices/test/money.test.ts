import { Decimal, VatRate } from "@comptoir/api-client";
import { describe, expect, it } from "vitest";
import { divideRounded, netOfGross, priceWithoutVat, vatOfNet } from "../src/money.ts";

describe("exact money", () => {
  it("rounds half away from zero, like the till", () => {
    expect([
      divideRounded(5n, 2n),
      divideRounded(-5n, 2n),
      divideRounded(4n, 3n),
      divideRounded(-4n, 3n),
    ]).toEqual([3n, -3n, 1n, -1n]);
  });

  it("splits VAT-inclusive amounts without floating point", () => {
    const twenty = VatRate.fromPercent("20");
    const reduced = VatRate.fromPercent("5.5");
    expect(netOfGross(300n, twenty)).toBe(250n);
    expect(netOfGross(100n, twenty)).toBe(83n);
    expect(netOfGross(2001n, twenty)).toBe(1668n);
    expect(netOfGross(-100n, twenty)).toBe(-83n);
    expect(netOfGross(2400n, reduced)).toBe(2275n);
    expect(vatOfNet(1667n, twenty)).toBe(333n);
    // 0.1 + 0.2 style traps: 19.99 € incl. 20 % is 16.658333… → 16.66
    expect(netOfGross(1999n, twenty)).toBe(1666n);
  });

  it("derives unit prices without VAT to 6 decimals", () => {
    expect(priceWithoutVat(Decimal.parse("59.90"), VatRate.fromPercent("20"), 6).toString()).toBe(
      "49.916667",
    );
    expect(priceWithoutVat(Decimal.parse("10"), VatRate.fromPercent("5.5"), 6).toString()).toBe(
      "9.478673",
    );
  });
});
