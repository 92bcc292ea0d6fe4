import { describe, expect, it } from "vitest";
import { DEFAULT_CUSTOM_LABELS, parseFeedSettings, type SettingsIssue } from "../src/index.ts";
import { BASE_SETTINGS } from "./support/fixtures.ts";

function issues(input: unknown): readonly SettingsIssue[] {
  const result = parseFeedSettings(input);
  if (result.ok) throw new Error("expected invalid settings");
  return result.issues;
}

describe("feed settings", () => {
  it("fills defaults: archived and not-for-web products out, gzip on, gate at 20 %", () => {
    const result = parseFeedSettings({
      channel: { title: "Boutique", link: "https://shop.example/" },
      linkTemplate: "https://shop.example/p/{ref}",
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { settings } = result;
    expect(settings.filters).toMatchObject({
      includeArchived: false,
      includeNotPublishedOnWeb: false,
      includeCategoriesHiddenFromWeb: false,
    });
    expect(settings).toMatchObject({
      currency: "EUR",
      country: "FR",
      language: "fr",
      titleTemplate: "{name}",
    });
    expect(settings.output).toEqual({ gzip: true, gzipLevel: 6 });
    expect(settings.gate.maxItemDropRatio).toBe(0.2);
    expect(settings.customLabels).toHaveLength(DEFAULT_CUSTOM_LABELS.length);
  });

  it("reports every problem at once with a field path and a helpful message", () => {
    const found = issues({
      ...BASE_SETTINGS,
      currency: "eur",
      country: "UK",
      linkTemplate: "https://shop.example/p/{reference}",
      titleTemplate: "{name} {colour}",
      categoryMapping: { "12": 99999999, abc: 166 },
      filters: { priceMin: "20,00", priceMax: "10" },
      availability: { outOfStock: "backorder" },
      localInventory: { stores: [{ storeId: 1, storeCode: "", pickupMethod: "buy" }] },
      customLabels: Array.from({ length: 6 }, () => ({ source: "brand" })),
      surprise: true,
    });
    const byPath = Object.fromEntries(found.map((issue) => [issue.path, issue.message]));
    expect(byPath).toMatchObject({
      currency: "must be an ISO 4217 code in capitals, e.g. EUR",
      country: "use GB for the United Kingdom (ISO 3166-1)",
      "categoryMapping.12": "99999999 is not a Google product category id (taxonomy 2021-09-21)",
      "filters.priceMin": 'must be an amount like "19.90" (a dot, no currency)',
      "availability.backorderDate": "backorderDate is required when outOfStock is backorder",
      "localInventory.stores[0].storeCode": "is required (the Google Business Profile store code)",
      "localInventory.stores[0].pickupSla":
        "pickupSla is required when pickupMethod is set (except 'not supported')",
      customLabels: "at most 5 custom labels (custom_label_0 … custom_label_4)",
      "": "unknown setting surprise",
    });
    const linkIssues = found
      .filter((issue) => issue.path === "linkTemplate")
      .map((issue) => issue.message);
    expect(linkIssues[0]).toMatch(/^unknown link token \{reference\}; use \{id\}, \{ref\}/);
    expect(byPath.titleTemplate).toMatch(/^unknown title token \{colour\}/);
    expect(
      found.some(
        (issue) => issue.path.startsWith("categoryMapping") && issue.message.includes("digits"),
      ),
    ).toBe(true);
  });

  it("requires a link template that gives each product its own absolute URL", () => {
    expect(issues({ ...BASE_SETTINGS, linkTemplate: "/p/{ref}" })[0]).toMatchObject({
      path: "linkTemplate",
    });
    expect(
      issues({ ...BASE_SETTINGS, linkTemplate: "https://shop.example/catalogue" })[0]?.message,
    ).toMatch(/must contain \{ref\}/);
  });

  it("reports missing required fields as required", () => {
    expect(issues({ linkTemplate: "https://shop.example/p/{ref}" })).toContainEqual({
      path: "channel",
      message: "is required",
    });
  });

  it("refuses priceMin above priceMax and duplicate store codes", () => {
    const found = issues({
      ...BASE_SETTINGS,
      filters: { priceMin: "50", priceMax: "10" },
      localInventory: {
        stores: [
          { storeId: 1, storeCode: "A" },
          { storeId: 2, storeCode: "A" },
        ],
      },
    });
    expect(found).toContainEqual({
      path: "filters.priceMax",
      message: "priceMin must not be above priceMax",
    });
    expect(found).toContainEqual({
      path: "localInventory.stores",
      message: "store codes must be unique",
    });
  });
});
