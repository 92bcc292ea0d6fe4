import { describe, expect, it } from "vitest";
import { textRuns } from "../src/fonts/runs.ts";
import { FONT_IDS, FONT_STYLES, loadFontCoverage } from "../src/index.ts";

const coverage = loadFontCoverage();

describe("embedded fonts", () => {
  it("cover Latin, Greek and Cyrillic in every family and style", () => {
    const sample = "AzÀéœŸ€ ΑΩαωάΐ АЯаяЁё ЇҐ";
    for (const font of FONT_IDS) {
      for (const style of FONT_STYLES) {
        for (const char of sample.replace(/\s/g, "")) {
          expect(
            coverage.covers(font, style, char.codePointAt(0) ?? 0),
            `${font} ${style} ${char}`,
          ).toBe(true);
        }
      }
    }
  });

  it("switch to DejaVu Sans for characters only it has, and report the rest", () => {
    const runs = textRuns(coverage, "roboto");
    expect(runs.runs("Plain text", "name")).toBe("Plain text");
    expect(runs.runs("Արամ & Co", "name")).toEqual([
      { text: "Արամ", font: "DejaVuSans" },
      { text: " & Co" },
    ]);
    expect(runs.missing).toEqual([]);
    runs.runs("Café 東京", "buyer.name");
    expect(runs.missing).toEqual([
      { field: "buyer.name", character: "東", codePoint: "U+6771" },
      { field: "buyer.name", character: "京", codePoint: "U+4EAC" },
    ]);
  });
});
