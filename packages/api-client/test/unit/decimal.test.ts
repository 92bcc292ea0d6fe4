import { describe, expect, it } from "vitest";
import { Decimal, parseMoney, parseVatRate, VatRate } from "../../src/index.ts";

describe("Decimal", () => {
  it("parses wire money exactly and prints it back unchanged", () => {
    for (const text of ["25.00", "0.00", "-3.50", "102.42", "0.05500", "1234567890123.45"]) {
      expect(Decimal.parse(text).toString()).toBe(text);
    }
  });

  it("adds without binary-float drift", () => {
    const sum = Decimal.parse("0.10").add(Decimal.parse("0.20"));
    expect(sum.toString()).toBe("0.30");
    expect(sum.equals(Decimal.parse("0.3"))).toBe(true);
    const total = ["41.67", "33.27", "11.85"]
      .map((v) => Decimal.parse(v))
      .reduce((a, b) => a.add(b));
    expect(total.toString()).toBe("86.79");
  });

  it("reads JSON numbers through their shortest text", () => {
    expect(Decimal.parse(13.5).toString()).toBe("13.5");
    expect(Decimal.parse(0.1).toString()).toBe("0.1");
    expect(Decimal.parse(1e-7).toString()).toBe("0.0000001");
    expect(Decimal.parse(20).toString()).toBe("20");
  });

  it("rejects what is not a decimal", () => {
    for (const bad of ["", "abc", "1,50", "1.2.3", "NaN", "--1"]) {
      expect(Decimal.tryParse(bad)).toBeUndefined();
    }
    expect(Decimal.tryParse(Number.NaN)).toBeUndefined();
    expect(Decimal.tryParse(null)).toBeUndefined();
    expect(() => Decimal.parse("x")).toThrow(RangeError);
  });

  it("multiplies exactly and rounds half away from zero or half-even", () => {
    expect(Decimal.parse("9.6667").mul(3).round(2).toString()).toBe("29.00");
    expect(Decimal.parse("0.125").round(2).toString()).toBe("0.13");
    expect(Decimal.parse("-0.125").round(2).toString()).toBe("-0.13");
    expect(Decimal.parse("0.125").round(2, "half-even").toString()).toBe("0.12");
    expect(Decimal.parse("25.00").mul(Decimal.parse("0.2")).toString()).toBe("5.000");
  });

  it("converts to integer minor units and refuses to lose digits", () => {
    expect(Decimal.parse("25.00").toMinorUnits()).toBe(2500n);
    expect(Decimal.parse("25.5").toMinorUnits()).toBe(2550n);
    expect(Decimal.parse("0.125").toMinorUnits(3)).toBe(125n);
    expect(() => Decimal.parse("0.125").toMinorUnits()).toThrow(RangeError);
  });

  it("serialises as its string in JSON", () => {
    expect(JSON.stringify({ price: Decimal.parse("25.00") })).toBe('{"price":"25.00"}');
  });
});

describe("Money", () => {
  it("keeps at least two decimals", () => {
    expect(parseMoney("25")?.toString()).toBe("25.00");
    expect(parseMoney(13.5)?.toString()).toBe("13.50");
    expect(parseMoney("9.6667")?.toString()).toBe("9.6667");
    expect(parseMoney("abc")).toBeUndefined();
  });
});

describe("VatRate", () => {
  it("treats fraction strings and percent numbers as the same rate", () => {
    const fromFraction = parseVatRate("0.20000", "fraction");
    const shortFraction = parseVatRate("0.200", "fraction");
    const fromPercent = parseVatRate(20, "percent");
    expect(fromFraction?.equals(VatRate.fromPercent(20))).toBe(true);
    expect(shortFraction?.equals(VatRate.fromPercent(20))).toBe(true);
    expect(fromPercent?.fraction.toString()).toBe("0.2");
    expect(fromPercent?.toString()).toBe("20%");
  });

  it("keeps odd rates exact", () => {
    expect(parseVatRate(8.5, "percent")?.fraction.toString()).toBe("0.085");
    expect(parseVatRate("0.05500", "fraction")?.percent.toString()).toBe("5.5");
    expect(parseVatRate(2.1, "percent")?.fraction.toString()).toBe("0.021");
    expect(parseVatRate("20%", "fraction")?.toString()).toBe("20%");
  });

  it("reads a value ≥ 1 in a fraction field as a percent, but never the reverse", () => {
    expect(parseVatRate(20, "fraction")?.toString()).toBe("20%");
    // 0.9 % (Corsica) in a percent field must not become 90 %.
    expect(parseVatRate(0.9, "percent")?.toString()).toBe("0.9%");
    expect(parseVatRate(0, "percent")?.toString()).toBe("0%");
  });

  it("rejects impossible rates", () => {
    expect(parseVatRate(-1, "percent")).toBeUndefined();
    expect(parseVatRate(150, "percent")).toBeUndefined();
    expect(parseVatRate("x", "fraction")).toBeUndefined();
  });
});
