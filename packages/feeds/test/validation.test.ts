import { describe, expect, it } from "vitest";
import {
  type Exclusion,
  FeedConfigurationError,
  type FeedSource,
  FeedSourceOrderError,
  generateFeed,
  PROFILES,
  RULES,
  type RunSummary,
} from "../src/index.ts";
import { collect, dress, money, product, REFERENCE, settingsWith } from "./support/fixtures.ts";

const google = PROFILES["google-products-xml"];

function rule(summary: RunSummary, code: string) {
  return summary.rules.find((r) => r.code === code);
}

function invalid(exclusions: readonly Exclusion[], itemId: string) {
  const found = exclusions.find((e) => e.kind === "invalid" && e.itemId === itemId);
  return found?.kind === "invalid" ? found : undefined;
}

describe("validation", () => {
  it("uses the stable rule codes of feeds.md with their severities", () => {
    expect(RULES.I13.severity).toBe("error");
    expect(RULES.G06.severity).toBe("warning");
    expect(Object.keys(RULES).every((code) => /^[XIGLS]\d{2}$/.test(code))).toBe(true);
  });

  it("excludes an item on an error and says why; keeps it on a warning", async () => {
    const run = await collect(google, [
      product({ id: 1, images: [] }),
      product({ id: 2, barcode: "1234567890123" }),
    ]);
    expect(run.summary.counts).toMatchObject({ items: 1, itemsExcluded: 1, itemsWithWarnings: 1 });
    expect(invalid(run.exclusions, "1")?.errors).toEqual([
      expect.objectContaining({
        code: "I06",
        severity: "error",
        attribute: "image_link",
        message: "image_link is required",
      }),
    ]);
    expect(rule(run.summary, "I13")).toMatchObject({ errors: 0, warnings: 1 });
    expect(run.text).toContain("<g:id>2</g:id>");
    expect(run.text).not.toContain("1234567890123");
  });

  it("reports every filtered product with its reason", async () => {
    const run = await collect(google, [
      product({ id: 1, archived: true }),
      product({ id: 2, publishedOnWeb: false }),
      product({ id: 3, categoryId: 31 }),
      product({ id: 4 }),
    ]);
    expect(run.exclusions).toEqual([
      { kind: "filtered", productId: 1, itemId: null, reason: "archived" },
      { kind: "filtered", productId: 2, itemId: null, reason: "not-published-on-web" },
      { kind: "filtered", productId: 3, itemId: null, reason: "category-hidden-from-web" },
    ]);
    expect(run.summary.filtered).toEqual([
      { reason: "archived", count: 1 },
      { reason: "category-hidden-from-web", count: 1 },
      { reason: "not-published-on-web", count: 1 },
    ]);
    expect(run.summary.counts).toMatchObject({ products: 4, productsFiltered: 3, items: 1 });
  });

  it("shortens an over-long title with a warning, per channel limit (I04)", async () => {
    const long = product({ id: 1, name: "Bougie ".repeat(40) });
    const googleRun = await collect(google, [long]);
    expect(rule(googleRun.summary, "I04")).toMatchObject({ errors: 0, warnings: 1 });
    const pinterestRun = await collect(PROFILES["pinterest-csv"], [long]);
    expect(rule(pinterestRun.summary, "I04")).toBeUndefined();
  });

  it("requires colour, gender and age group for apparel in France (I17)", async () => {
    const settings = settingsWith({
      attributes: { gender: { default: null }, ageGroup: { default: "adult" } },
    });
    const run = await collect(google, [dress(1, { tags: [] })], settings);
    expect(run.summary.counts.itemsExcluded).toBe(3);
    expect(invalid(run.exclusions, "1-1")?.errors[0]?.message).toBe(
      "apparel in FR requires color, gender (map them in the feed's attributes settings)",
    );
    const elsewhere = await collect(
      google,
      [dress(1, { tags: [] })],
      settingsWith({ country: "BE", attributes: { gender: { default: null } } }),
    );
    expect(elsewhere.summary.counts.itemsExcluded).toBe(0);
  });

  it("rejects a zero price (I11)", async () => {
    const run = await collect(google, [product({ id: 1, price: money("0.00") })]);
    expect(invalid(run.exclusions, "1")?.errors.map((e) => e.code)).toEqual(["I11"]);
  });

  it("flags duplicate sizes in a group and keeps the first (G05)", async () => {
    const twice = dress(1, {
      variants: [
        { sizeId: 1, name: "M", barcode: null },
        { sizeId: 2, name: "m", barcode: null },
      ],
    });
    const run = await collect(google, [twice]);
    expect(invalid(run.exclusions, "1-2")?.errors).toEqual([
      expect.objectContaining({ code: "G05", message: "same size and colour as 1-1" }),
    ]);
    expect(run.summary.counts.items).toBe(1);
  });

  it("warns when every variant shares one link (G06) and on Meta's title policy (G07)", async () => {
    const noSizeInLink = settingsWith({ linkTemplate: "https://shop.example/p/{id}" });
    const run = await collect(google, [dress(1)], noSizeInLink);
    expect(rule(run.summary, "G06")).toMatchObject({ warnings: 3, errors: 0 });
    const meta = await collect(
      PROFILES["meta-csv"],
      [dress(1)],
      settingsWith({ titleTemplate: "{name} {size}" }),
    );
    expect(rule(meta.summary, "G07")).toMatchObject({ warnings: 3 });
  });

  it("checks that link hosts are verified domains (I06)", async () => {
    const run = await collect(
      google,
      [product({ id: 1 })],
      settingsWith({ verifiedDomains: ["other.example"] }),
    );
    expect(invalid(run.exclusions, "1")?.errors[0]?.message).toBe(
      "link host shop.example is not a verified domain of this feed",
    );
  });

  it("records per-rule examples, capped, and fill rates per attribute", async () => {
    const products = Array.from({ length: 8 }, (_, i) => product({ id: i + 1, images: [] }));
    const run = await collect(google, [...products, product({ id: 20, barcode: null })]);
    expect(rule(run.summary, "I06")?.errors).toBe(8);
    expect(rule(run.summary, "I06")?.examples).toHaveLength(5);
    expect(rule(run.summary, "I06")?.examples[0]).toMatchObject({
      itemId: "1",
      productId: 1,
      attribute: "image_link",
    });
    const gtin = run.summary.fillRates.find((f) => f.attribute === "gtin");
    expect(gtin).toEqual({ attribute: "gtin", filled: 0, total: 1, rate: 0 });
    expect(run.summary.fillRates.find((f) => f.attribute === "id")?.rate).toBe(1);
    expect(run.summary.errorRate).toBeCloseTo(8 / 9);
  });

  it("warns when a store has nothing in stock (L08)", async () => {
    const run = await collect(PROFILES["google-local-inventory"], [
      product({ id: 1, stock: [{ sizeId: 0, warehouseId: 1, available: 3 }] }),
    ]);
    expect(run.summary.runFindings).toEqual([
      expect.objectContaining({ code: "L08", value: "PARIS-10" }),
    ]);
  });

  it("refuses local inventory without configured stores", async () => {
    await expect(
      collect(
        PROFILES["google-local-inventory"],
        [product({ id: 1 })],
        settingsWith({ localInventory: { stores: [] } }),
      ),
    ).rejects.toBeInstanceOf(FeedConfigurationError);
  });

  it("fails the run when the source breaks the id order contract (S01)", async () => {
    const unordered: FeedSource = {
      reference: async () => REFERENCE,
      async *products() {
        yield product({ id: 2 });
        yield product({ id: 1 });
      },
    };
    await expect(
      generateFeed(unordered, settingsWith(), google, { kind: "discard" }),
    ).rejects.toBeInstanceOf(FeedSourceOrderError);
  });
});
