import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  buildCatalogIndex,
  createItemBuilder,
  type FeedItem,
  type FeedSettings,
  formatPrice,
  type ProductOutcome,
  type SourceProduct,
} from "../src/index.ts";
import { dress, money, product, REFERENCE, settingsWith } from "./support/fixtures.ts";

function build(source: SourceProduct, settings: FeedSettings = settingsWith()): ProductOutcome {
  return createItemBuilder(settings, buildCatalogIndex(REFERENCE, settings)).build(source);
}

function items(source: SourceProduct, settings?: FeedSettings): FeedItem[] {
  const outcome = build(source, settings);
  if (outcome.kind !== "items") throw new Error(`filtered: ${outcome.reason}`);
  return outcome.items.map((draft) => draft.item);
}

describe("variant-level items", () => {
  it("emits one item per size, grouped by product, and never the parent", () => {
    const built = items(dress(18));
    expect(built.map((i) => i.id)).toEqual(["18-1", "18-2", "18-3"]);
    expect(new Set(built.map((i) => i.itemGroupId))).toEqual(new Set(["18"]));
    expect(built.some((i) => i.id === "18")).toBe(false);
    expect(built.map((i) => i.size)).toEqual(["S", "M", "L"]);
  });

  it("emits a product without sizes as one item without a group", () => {
    const [item] = items(product({ id: 5 }));
    expect(item?.id).toBe("5");
    expect(item?.itemGroupId).toBeNull();
  });

  it("applies the id prefix to ids and group ids alike", () => {
    const built = items(dress(18), settingsWith({ idPrefix: "fr-" }));
    expect(built[0]?.id).toBe("fr-18-1");
    expect(built[0]?.itemGroupId).toBe("fr-18");
  });
});

describe("links", () => {
  it("percent-encodes path and query values and preselects the size", () => {
    const built = items(
      dress(18, {
        externalRef: "robe été/2 & co",
        variants: [{ sizeId: 5, name: "40 & +", barcode: null }],
      }),
    );
    expect(built[0]?.link).toBe(
      "https://shop.example/p/robe%20%C3%A9t%C3%A9%2F2%20%26%20co?size=40%20%26%20%2B",
    );
    expect(() => new URL(built[0]?.link ?? "")).not.toThrow();
  });

  it("drops a query parameter whose value is empty (no size)", () => {
    const [item] = items(product({ id: 7, externalRef: "bougie-ambre" }));
    expect(item?.link).toBe("https://shop.example/p/bougie-ambre");
  });

  it("falls back to the product id when the POS has no web reference", () => {
    const [item] = items(product({ id: 7 }));
    expect(item?.link).toBe("https://shop.example/p/7");
  });

  it("encodes spaces, commas and non-ASCII in image URLs", () => {
    const [item] = items(
      product({ id: 7, images: ["https://cdn.shop.example/a b,c/été.jpg", "not a url"] }),
    );
    expect(item?.imageLink).toBe("https://cdn.shop.example/a%20b%2Cc/%C3%A9t%C3%A9.jpg");
    expect(item?.additionalImageLinks).toEqual([]);
  });
});

describe("text", () => {
  it("cleans names and descriptions", () => {
    const [item] = items(
      product({
        id: 3,
        name: "Savon\u0003  lait &amp; miel ",
        description: "<p>Doux&nbsp;&amp;\tparfumé</p><p>Cafe\u0301</p>",
      }),
    );
    expect(item?.title).toBe("Savon lait & miel");
    expect(item?.description).toBe("Doux & parfumé Café");
  });

  it("renders the title template and tidies empty tokens", () => {
    const settings = settingsWith({ titleTemplate: "{brand} – {name} {color}" });
    expect(items(product({ id: 3, brandId: null }), settings)[0]?.title).toBe("Bougie parfumée 3");
    expect(items(product({ id: 3 }), settings)[0]?.title).toBe("Maison Dupont – Bougie parfumée 3");
  });

  it("uses the name when there is no description, with a warning", () => {
    const outcome = build(product({ id: 3, description: "  " }));
    expect(outcome.kind === "items" && outcome.items[0]?.item.description).toBe(
      "Bougie parfumée 3",
    );
    expect(outcome.kind === "items" && outcome.items[0]?.findings.map((f) => f.code)).toContain(
      "I05",
    );
  });
});

describe("prices", () => {
  it("formats exact amounts VAT included, with a point and two decimals", () => {
    const [item] = items(product({ id: 1, price: money("1234.5"), discountPrice: money("999") }));
    expect(formatPrice(item?.price ?? money("0"), "EUR")).toBe("1234.50 EUR");
    expect(formatPrice(item?.salePrice ?? money("0"), "EUR")).toBe("999.00 EUR");
  });

  it("ignores a promotional price that is not below the price", () => {
    const outcome = build(product({ id: 1, price: money("10.00"), discountPrice: money("12.00") }));
    if (outcome.kind !== "items") throw new Error("filtered");
    expect(outcome.items[0]?.item.salePrice).toBeNull();
    expect(outcome.items[0]?.findings.map((f) => f.code)).toContain("I12");
  });

  it("formats the same way under a French process locale", () => {
    const script = fileURLToPath(new URL("./support/print-price.ts", import.meta.url));
    const output = execFileSync(process.execPath, ["--import", "tsx", script], {
      env: { LANG: "fr_FR.UTF-8", LC_ALL: "fr_FR.UTF-8" },
      encoding: "utf8",
    });
    const [localeDefault, feedPrice] = output.trim().split("\n");
    // Sanity: this process really formats numbers the French way…
    expect(localeDefault).toMatch(/^1\s234,5$/u);
    // …and feed prices do not follow it.
    expect(feedPrice).toBe("1234.50 EUR");
  });
});

describe("availability", () => {
  it("counts stock per variant; negative cells never cancel another warehouse", () => {
    const built = items(dress(18));
    expect(built.map((i) => [i.id, i.availability, i.quantity])).toEqual([
      ["18-1", "in_stock", 2],
      ["18-2", "out_of_stock", 0],
      ["18-3", "in_stock", 5],
    ]);
  });

  it("counts only the warehouses the feed names", () => {
    const built = items(dress(18), settingsWith({ availability: { warehouseIds: [1] } }));
    expect(built.map((i) => i.availability)).toEqual(["in_stock", "out_of_stock", "out_of_stock"]);
  });

  it("says in stock when the POS does not manage stock", () => {
    const [item] = items(product({ id: 1, stockManaged: false, stock: [] }));
    expect(item?.availability).toBe("in_stock");
  });

  it("requires the configured minimum quantity", () => {
    const [item] = items(
      product({ id: 1 }),
      settingsWith({ availability: { minimumQuantity: 10 } }),
    );
    expect(item?.availability).toBe("out_of_stock");
  });

  it("reports out-of-stock variants as backorder when the shop sells them anyway", () => {
    const settings = settingsWith({
      availability: { outOfStock: "backorder", backorderDate: "2027-01-15T09:00+01:00" },
    });
    const built = items(dress(18), settings);
    expect(built[1]).toMatchObject({
      availability: "backorder",
      availabilityDate: "2027-01-15T09:00+01:00",
    });
  });

  it("floors fractional stock (goods sold by weight)", () => {
    const [item] = items(
      product({ id: 1, stock: [{ sizeId: 0, warehouseId: 1, available: 0.75 }] }),
    );
    expect(item?.availability).toBe("out_of_stock");
  });
});

describe("identifiers", () => {
  it("sends only real GTINs; invalid and internal barcodes become warnings", () => {
    const outcome = build(dress(18));
    if (outcome.kind !== "items") throw new Error("filtered");
    expect(outcome.items.map((d) => d.item.gtin)).toEqual(["3001234567892", "4006381333931", null]);
    expect(outcome.items[2]?.findings).toContainEqual(
      expect.objectContaining({
        code: "I13",
        severity: "warning",
        attribute: "gtin",
        value: "1234567890123",
      }),
    );
  });

  it("never sends Hiboutik's internal 243 code", () => {
    const [item] = items(product({ id: 1, barcode: "2430000000017" }));
    expect(item?.gtin).toBeNull();
  });

  it("says identifier_exists=no only without GTIN and MPN", () => {
    expect(
      items(product({ id: 1, barcode: null, supplierReference: null }))[0]?.identifierExists,
    ).toBe(false);
    expect(items(product({ id: 1, barcode: null }))[0]?.identifierExists).toBe(true);
    const never = settingsWith({ identifiers: { identifierExists: "never" } });
    expect(
      items(product({ id: 1, barcode: null, supplierReference: null }), never)[0]?.identifierExists,
    ).toBe(true);
  });
});

describe("categories and attributes", () => {
  it("inherits the Google category down the POS tree; a closer mapping wins", () => {
    expect(items(product({ id: 1, categoryId: 12 }))[0]?.googleProductCategory).toBe(2271);
    expect(items(product({ id: 1, categoryId: 11 }))[0]?.googleProductCategory).toBe(166);
    expect(items(product({ id: 1, categoryId: 21 }))[0]?.googleProductCategory).toBe(536);
    const withDefault = settingsWith({ categoryMapping: {}, defaultGoogleCategory: 5181 });
    expect(items(product({ id: 1, categoryId: 21 }), withDefault)[0]?.googleProductCategory).toBe(
      5181,
    );
  });

  it("writes the POS category path as product_type", () => {
    expect(items(product({ id: 1, categoryId: 12 }))[0]?.productType).toBe("Mode > Femme > Robes");
  });

  it("maps gender by category (inherited), age group by default and colour by tag", () => {
    const [item] = items(dress(18));
    expect(item).toMatchObject({
      gender: "female",
      ageGroup: "adult",
      color: "Rouge",
      condition: "new",
    });
    expect(items(product({ id: 2 }))[0]?.gender).toBe("unisex");
  });

  it("falls back from the product's brand to the brand table to the feed's fallback", () => {
    expect(items(product({ id: 1, brandName: "Marque du POS" }))[0]?.brand).toBe("Marque du POS");
    expect(items(product({ id: 1, brandId: 2 }))[0]?.brand).toBe("Atelier & Co");
    expect(items(product({ id: 1, brandId: null }))[0]?.brand).toBeNull();
    const fallback = settingsWith({ brand: { fallback: "Boutique Dupont" } });
    expect(items(product({ id: 1, brandId: null }), fallback)[0]?.brand).toBe("Boutique Dupont");
  });

  it("computes custom labels from POS data", () => {
    const [item] = items(product({ id: 1 }));
    // 19.90 incl. 20 % VAT is 16.58 net; bought 5.00 → 69.8 % margin.
    expect(item?.customLabels).toEqual([
      "margin-60+",
      "stock-medium",
      "Maison Dupont",
      "Maison & Déco",
      null,
    ]);
  });
});

describe("filters", () => {
  const reason = (source: SourceProduct, settings?: FeedSettings) => {
    const outcome = build(source, settings);
    return outcome.kind === "filtered" ? outcome.reason : null;
  };

  it("leaves out archived, not-for-web and hidden-category products by default", () => {
    expect(reason(product({ id: 1, archived: true }))).toBe("archived");
    expect(reason(product({ id: 1, publishedOnWeb: false }))).toBe("not-published-on-web");
    expect(reason(product({ id: 1, categoryId: 31 }))).toBe("category-hidden-from-web");
    expect(
      reason(
        product({ id: 1, archived: true }),
        settingsWith({ filters: { includeArchived: true } }),
      ),
    ).toBeNull();
  });

  it("selects categories with their sub-categories, brands and a price range", () => {
    const onlyFashion = settingsWith({ filters: { categoryIds: [10] } });
    expect(reason(product({ id: 1, categoryId: 12 }), onlyFashion)).toBeNull();
    expect(reason(product({ id: 1, categoryId: 21 }), onlyFashion)).toBe("category-not-selected");
    expect(
      reason(product({ id: 1 }), settingsWith({ filters: { excludeCategoryIds: [20] } })),
    ).toBe("category-excluded");
    expect(reason(product({ id: 1 }), settingsWith({ filters: { brandIds: [2] } }))).toBe(
      "brand-not-selected",
    );
    expect(reason(product({ id: 1 }), settingsWith({ filters: { priceMin: "20.00" } }))).toBe(
      "price-out-of-range",
    );
    expect(reason(product({ id: 1 }), settingsWith({ filters: { priceMax: "19.90" } }))).toBeNull();
  });

  it("filters variants that are out of stock, without image or without GTIN on request", () => {
    const outcome = build(dress(18), settingsWith({ filters: { inStockOnly: true } }));
    expect(outcome.kind === "items" && outcome.filtered).toEqual([
      { reason: "out-of-stock", itemId: "18-2" },
    ]);
    const noGtin = build(dress(18), settingsWith({ filters: { requireGtin: true } }));
    expect(noGtin.kind === "items" && noGtin.filtered).toEqual([
      { reason: "no-gtin", itemId: "18-3" },
    ]);
    const noImage = build(
      product({ id: 1, images: [] }),
      settingsWith({ filters: { requireImage: true } }),
    );
    expect(noImage.kind === "items" && noImage.filtered).toEqual([
      { reason: "no-image", itemId: "1" },
    ]);
  });
});
