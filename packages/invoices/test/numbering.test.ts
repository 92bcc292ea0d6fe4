import { describe, expect, it } from "vitest";
import {
  formatInvoiceNumber,
  InvalidNumberPatternError,
  parseNumberPattern,
  sequencePeriod,
} from "../src/index.ts";

function problems(pattern: string, reset?: "never" | "yearly" | "monthly"): readonly string[] {
  try {
    parseNumberPattern(pattern, { reset });
    return [];
  } catch (error) {
    if (error instanceof InvalidNumberPatternError) return error.problems;
    throw error;
  }
}

describe("invoice number patterns", () => {
  it("formats dates and a zero-padded sequence", () => {
    expect(formatInvoiceNumber("F{YYYY}-{seq:6}", { date: "2026-03-14", sequence: 42 })).toBe(
      "F2026-000042",
    );
    expect(formatInvoiceNumber("AV{YY}{MM}/{seq:4}", { date: "2026-03-14", sequence: 7 })).toBe(
      "AV2603/0007",
    );
    expect(formatInvoiceNumber("{seq}", { date: "2026-03-14", sequence: 12345 })).toBe("12345");
    expect(
      formatInvoiceNumber("T1-{YYYY}{MM}{DD}-{seq:3}", { date: "2026-12-31", sequence: 1 }),
    ).toBe("T1-20261231-001");
  });

  it("lets the sequence grow past its padding rather than wrap", () => {
    expect(formatInvoiceNumber("F{YYYY}-{seq:2}", { date: "2026-01-01", sequence: 1234 })).toBe(
      "F2026-1234",
    );
  });

  it("rejects patterns that would give invalid or repeating numbers", () => {
    expect(problems("F{YYYY}")).toEqual(["the pattern needs exactly one {seq}, found 0"]);
    expect(problems("{seq}-{seq}")[0]).toContain("exactly one {seq}");
    expect(problems("F {seq}")[0]).toContain("letters, digits and + - _ /");
    expect(problems("F{year}-{seq}")[0]).toContain("unknown placeholder {year}");
    expect(problems("F{seq:0}")[0]).toContain("1 ≤ N ≤ 12");
    expect(problems("F{seq", "never")[0]).toContain("brace");
    expect(problems("F-{seq:6}", "yearly")[0]).toContain("reset every year needs {YYYY}");
    expect(problems("F{YYYY}-{seq:6}", "monthly")[0]).toContain("{MM}");
    expect(problems(`${"X".repeat(30)}{YYYY}{seq:4}`)[0]).toContain("35 at most");
    expect(problems("F{YYYY}-{seq:6}", "yearly")).toEqual([]);
  });

  it("refuses a sequence below 1, a bad date, and a number that outgrows 35 characters", () => {
    expect(() => formatInvoiceNumber("F{seq}", { date: "2026-01-01", sequence: 0 })).toThrow(
      RangeError,
    );
    expect(() => formatInvoiceNumber("F{YYYY}{seq}", { date: "14/03/2026", sequence: 1 })).toThrow(
      RangeError,
    );
    expect(() =>
      formatInvoiceNumber(`${"X".repeat(30)}{seq:4}`, { date: "2026-01-01", sequence: 1_000_000 }),
    ).toThrow(/35/);
  });

  it("names the counting period of a reset policy", () => {
    expect(sequencePeriod("never", "2026-03-14")).toBe("");
    expect(sequencePeriod("yearly", "2026-03-14")).toBe("2026");
    expect(sequencePeriod("monthly", "2026-03-14")).toBe("2026-03");
  });
});
