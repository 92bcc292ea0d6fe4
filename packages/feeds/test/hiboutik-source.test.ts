import { createHiboutikClient } from "@comptoir/api-client";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { describe, expect, it } from "vitest";
import { PROFILES } from "../src/index.ts";
import { feedSourceFromHiboutik } from "../src/source/hiboutik.ts";
import { collectFrom, settingsWith } from "./support/fixtures.ts";
import { parseFeed } from "./support/parse-feed.ts";

function simulatedShop(products: number) {
  const sim = createSimulator({ products, seed: 7, now: () => new Date("2026-11-30T10:00:00Z") });
  const client = createHiboutikClient({
    account: "demo-shop",
    auth: { type: "basic", user: sim.credentials.user, apiKey: sim.credentials.apiKey },
    baseUrl: sim.baseUrl,
    fetch: sim.fetch,
  });
  return {
    sim,
    source: feedSourceFromHiboutik(client, { storeCodes: { 1: "LYON-01", 2: "PARIS-10" } }),
  };
}

describe("FeedSource over the Hiboutik simulator", () => {
  it("maps reference data and products 1:1 from the API client", async () => {
    const { sim, source } = simulatedShop(40);
    const reference = await source.reference();
    expect(reference.categories.length).toBeGreaterThan(3);
    expect(reference.stores.map((s) => s.code)).toContain("LYON-01");
    const ids: number[] = [];
    for await (const product of source.products()) {
      ids.push(product.id);
      expect(product.images.every((url) => url.includes("big_"))).toBe(true);
    }
    expect(ids).toEqual(Array.from({ length: sim.catalog.productCount }, (_, i) => i + 1));
  });

  it("turns hostile simulator products into valid feeds for every channel", async () => {
    const { sim, source } = simulatedShop(60);
    const hostile = [
      { name: 'Savon "lait & miel" <bio> ]]> fin', description: "<p>A &amp; B</p>" },
      {
        name: "Bougie\u0003 ambre ☕ 🎁 كوب قهوة",
        description: "<ul><li>Un</li><li>Deux</li></ul>",
      },
      { name: `Plaid ${"très long ".repeat(30)}`, barcode: "1234567890123" },
      { name: '=HYPERLINK("http://evil.example","clic")', stock: -4 },
    ];
    const added = hostile.map((input) =>
      sim.mutate.addProduct({ price: "19.90", brandId: 1, imageCount: 2, stock: 3, ...input }),
    );
    const settings = settingsWith({
      categoryMapping: {},
      localInventory: { stores: [{ storeId: 1, storeCode: "LYON-01" }] },
    });
    for (const profile of Object.values(PROFILES)) {
      const run = await collectFrom(source, profile, settings);
      const records = parseFeed(profile, run.text);
      expect(records.length, profile.id).toBe(run.summary.counts.rows);
      expect(run.summary.counts.items, profile.id).toBeGreaterThan(0);
      if (profile.format === "rss") expect(run.summary.output.xmlCheck).toBe("passed");
      const titleColumn = profile.columns.find((c) => c.value === "title")?.name;
      const idColumn = profile.columns.find((c) => c.value === "id")?.name ?? "id";
      if (titleColumn) {
        const title = records.find((r) => r[idColumn] === String(added[0]))?.[titleColumn];
        expect(title, profile.id).toBe('Savon "lait & miel" <bio> ]]> fin');
        const formula = records.find((r) => r[idColumn] === String(added[3]))?.[titleColumn];
        expect(formula, profile.id).toBe('=HYPERLINK("http://evil.example","clic")');
      }
    }
  });
});
