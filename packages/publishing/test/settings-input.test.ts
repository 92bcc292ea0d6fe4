import { describe, expect, it } from "vitest";
import { FeedError, mergeSettings, settingsPatchFromAssignments } from "../src/index.ts";

describe("--set key=value", () => {
  it("builds a nested patch, reading values as JSON when they parse", () => {
    expect(
      settingsPatchFromAssignments([
        "filters.inStockOnly=true",
        "categoryMapping.12=1604",
        "brand.fallback=Maison Dupont",
        'localInventory.stores=[{"storeId":1,"storeCode":"LYON-1"}]',
        "idPrefix=",
      ]),
    ).toEqual({
      filters: { inStockOnly: true },
      categoryMapping: { "12": 1604 },
      brand: { fallback: "Maison Dupont" },
      localInventory: { stores: [{ storeId: 1, storeCode: "LYON-1" }] },
      idPrefix: "",
    });
  });

  it("refuses malformed assignments and prototype keys, all at once", () => {
    let error: unknown;
    try {
      settingsPatchFromAssignments(["novalue", "=1", "a..b=1", "__proto__.polluted=1", "ok=1"]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).details?.map((d) => d.path)).toEqual([
      "novalue",
      "=1",
      "a..b",
      "__proto__.polluted",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("merges objects deeply and replaces arrays and scalars", () => {
    expect(
      mergeSettings(
        { filters: { inStockOnly: true, categoryIds: [1, 2] }, currency: "EUR" },
        { filters: { categoryIds: [3] }, currency: "CHF" },
      ),
    ).toEqual({ filters: { inStockOnly: true, categoryIds: [3] }, currency: "CHF" });
  });
});
