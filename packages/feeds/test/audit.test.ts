import { describe, expect, it } from "vitest";
import {
  auditFeed,
  diffSummaries,
  exclusionsCsv,
  memoryFeedSource,
  PROFILES,
} from "../src/index.ts";
import { collect, dress, product, REFERENCE, settingsWith } from "./support/fixtures.ts";

describe("feeds audit", () => {
  const products = [
    product({ id: 1 }),
    product({ id: 2, images: [] }),
    product({ id: 3, archived: true }),
    dress(4, { tags: [] }),
    product({ id: 5, name: "=1+1", images: [] }),
  ];

  it("lists every exclusion with its reasons next to rule counts and fill rates", async () => {
    const audit = await auditFeed(
      memoryFeedSource({ reference: REFERENCE, products }),
      settingsWith(),
      PROFILES["google-products-xml"],
    );
    expect(audit.summary.counts).toMatchObject({
      products: 5,
      productsFiltered: 1,
      items: 1,
      itemsExcluded: 5,
    });
    expect(audit.excluded.map((e) => [e.kind, e.itemId])).toEqual([
      ["invalid", "2"],
      ["filtered", null],
      ["invalid", "4-1"],
      ["invalid", "4-2"],
      ["invalid", "4-3"],
      ["invalid", "5"],
    ]);
    expect(audit.summary.fillRates.find((f) => f.attribute === "gtin")?.rate).toBe(1);
    expect(audit.excludedNotListed).toBe(0);
  });

  it("caps the list and counts the rest", async () => {
    const audit = await auditFeed(
      memoryFeedSource({ reference: REFERENCE, products }),
      settingsWith(),
      PROFILES["google-products-xml"],
      {
        excludedLimit: 2,
      },
    );
    expect(audit.excluded).toHaveLength(2);
    expect(audit.excludedNotListed).toBe(4);
  });

  it("writes the exclusions as a CSV for people, formulas neutralised", async () => {
    const audit = await auditFeed(
      memoryFeedSource({ reference: REFERENCE, products }),
      settingsWith(),
      PROFILES["google-products-xml"],
    );
    const csv = exclusionsCsv(audit.excluded);
    expect(csv.split("\n")[0]).toBe("product_id,item_id,store_code,title,kind,codes,reasons");
    expect(csv).toContain("2,2,,Bougie parfumée 2,error,I06,image_link is required [image_link]");
    expect(csv).toContain("3,,,,filter,archived,");
    expect(csv).toContain("5,5,,'=1+1,error");
  });

  it("diffs a new run against the live one", async () => {
    const live = await collect(PROFILES["meta-csv"], [product({ id: 1 }), product({ id: 2 })]);
    const next = await collect(PROFILES["meta-csv"], [
      product({ id: 1 }),
      product({ id: 2, images: [], barcode: null }),
    ]);
    const diff = diffSummaries(live.summary, next.summary);
    expect(diff.items).toEqual({ before: 2, after: 1, change: -1 });
    expect(diff.rules).toEqual([
      { code: "I06", errorsBefore: 0, errorsAfter: 1, warningsBefore: 0, warningsAfter: 0 },
    ]);
    expect(diff.errorRate).toEqual({ before: 0, after: 0.5 });
  });
});
