import { describe, expect, it } from "vitest";
import { createSimulator } from "../src/index.ts";
import { FIXED_NOW, get, type Row, simulator } from "./helpers.ts";

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(", ")) {
    const match = /<([^>]+)>; rel="(\w+)"/.exec(part);
    if (match?.[1] && match[2]) out[match[2]] = new URL(match[1]).searchParams.get("p") ?? "";
  }
  return out;
}

describe("pagination", () => {
  it("serves 250 rows a page with Content-Range X-Y/Z and Link rels", async () => {
    const sim = simulator({ products: 600 });
    const first = await get(sim, "/products/");
    expect(first.headers.get("content-range")).toBe("1-250/600");
    expect(links(first.headers.get("link"))).toEqual({
      start: "1",
      current: "1",
      next: "2",
      last: "3",
    });
    const rows = (await first.json()) as Row[];
    expect(rows).toHaveLength(250);
    expect(rows[0]?.product_id).toBe(1);

    const last = await get(sim, "/products/?p=3");
    expect(last.headers.get("content-range")).toBe("501-600/600");
    expect(links(last.headers.get("link"))).toEqual({
      start: "1",
      prev: "2",
      current: "3",
      last: "3",
    });
    expect((await last.json()) as Row[]).toHaveLength(100);
  });

  it("answers an empty array past the last page and reads a bad page number as 1", async () => {
    const sim = simulator({ products: 600 });
    const past = await get(sim, "/products/?p=9");
    expect(await past.json()).toEqual([]);
    expect(past.headers.get("content-range")).toBeNull();
    const bad = await get(sim, "/products/?p=abc");
    expect(bad.headers.get("content-range")).toBe("1-250/600");
  });

  it("paginates customers, brands and closed sales the same way", async () => {
    const sim = simulator({ products: 2000 });
    const customers = await get(sim, "/customers/?p=2");
    expect(customers.headers.get("content-range")).toBe("251-400/400");
    const brands = await get(sim, "/brands/");
    expect(brands.headers.get("content-range")).toMatch(/^1-\d+\/\d+$/);
  });

  it("builds page 400 of a 100,000-product catalog without generating the rest", async () => {
    const sim = createSimulator({ products: 100_000, now: () => FIXED_NOW });
    const before = sim.catalog.generatedCount;
    const response = await get(sim, "/products/?p=400");
    const rows = (await response.json()) as Row[];
    expect(response.headers.get("content-range")).toBe("99751-100000/100000");
    expect(rows[249]?.product_id).toBe(100_000);
    expect(sim.catalog.generatedCount - before).toBe(250);
  });

  // Speed is measured by the api-client benchmark (100,000 products); this checks the memory.
  it("pages through a large catalog with memory that does not grow with it", {
    timeout: 120_000,
  }, async () => {
    const sim = createSimulator({ products: 40_000, now: () => FIXED_NOW });
    await get(sim, "/products/?p=1");
    const heapBefore = process.memoryUsage().heapUsed;
    let count = 0;
    for (let page = 1; page <= 160; page++) {
      const response = await get(sim, `/products/?p=${page}`);
      count += ((await response.json()) as Row[]).length;
    }
    expect(count).toBe(40_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });
});
