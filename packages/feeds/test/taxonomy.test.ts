import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { googleTaxonomy } from "../src/taxonomy/index.ts";

const REFERENCE_FILE = new URL(
  "../../../../shared/data/google-taxonomy-with-ids.en-US.txt",
  import.meta.url,
);

describe("shipped Google taxonomy", () => {
  const taxonomy = googleTaxonomy();

  it("has the 2021-09-21 version with 5,595 categories", () => {
    expect(taxonomy.version).toBe("2021-09-21");
    expect(taxonomy.size).toBe(5595);
  });

  it("rebuilds full paths and answers ancestry", () => {
    expect(taxonomy.path(2271)).toBe("Apparel & Accessories > Clothing > Dresses");
    expect(taxonomy.isWithin(2271, 166)).toBe(true);
    expect(taxonomy.isWithin(2271, 1604)).toBe(true);
    expect(taxonomy.isWithin(536, 166)).toBe(false);
    expect(taxonomy.has(999_999_999)).toBe(false);
  });

  it("searches paths by words", () => {
    expect(taxonomy.search("candles", 5).map((c) => c.id)).toContain(588);
  });

  it.skipIf(!existsSync(REFERENCE_FILE))("matches the reference file line for line", () => {
    const lines = readFileSync(REFERENCE_FILE, "utf8").split("\n").slice(1).filter(Boolean);
    expect(lines).toHaveLength(taxonomy.size);
    for (const line of lines) {
      const [, id = "", path] = /^(\d+) - (.+)$/.exec(line) ?? [];
      expect(taxonomy.path(Number(id))).toBe(path);
    }
  });
});
