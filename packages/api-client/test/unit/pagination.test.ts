import { describe, expect, it } from "vitest";
import { HiboutikServerError, PAGE_SIZE, parseContentRangeTotal } from "../../src/index.ts";
import { fakeHiboutik, testClient } from "../support/fake-hiboutik.ts";
import { productRow } from "../support/fixtures.ts";

/** A paginated product list of `total` rows, optionally announcing the total in Content-Range. */
function catalog(total: number, range: "plain" | "items" | "none" = "plain") {
  return fakeHiboutik((app) =>
    app.get("/products/", (c) => {
      const page = Number(c.req.query("p") ?? "1");
      const first = (page - 1) * PAGE_SIZE;
      const rows = [];
      for (let i = first; i < Math.min(total, first + PAGE_SIZE); i++) rows.push(productRow(i + 1));
      if (range === "plain")
        c.header("Content-Range", `${first + 1}-${first + rows.length}/${total}`);
      if (range === "items")
        c.header("Content-Range", `items ${first}-${first + rows.length - 1}/${total}`);
      return c.json(rows);
    }),
  );
}

describe("parseContentRangeTotal", () => {
  it("reads both observed forms", () => {
    expect(parseContentRangeTotal("1-250/2676")).toBe(2676);
    expect(parseContentRangeTotal("items 0-249/1327")).toBe(1327);
    expect(parseContentRangeTotal("items */0")).toBe(0);
    expect(parseContentRangeTotal("1-250/*")).toBeNull();
    expect(parseContentRangeTotal(null)).toBeNull();
  });
});

describe("list pagination", () => {
  it.each(["plain", "items"] as const)(
    "streams pages with the total known from page 1 (%s Content-Range)",
    async (range) => {
      const { fetch, requests } = catalog(620, range);
      const seen: [number, number, number | null, number | null][] = [];
      for await (const page of testClient(fetch).client.products.list().pages()) {
        seen.push([page.number, page.records.length, page.total, page.totalPages]);
        // Lazy: the next page is requested only when the consumer asks for it.
        expect(requests).toHaveLength(page.number);
      }
      expect(seen).toEqual([
        [1, 250, 620, 3],
        [2, 250, 620, 3],
        [3, 120, 620, 3],
      ]);
      expect(requests.map((r) => r.query)).toEqual(["?p=1", "?p=2", "?p=3"]);
    },
  );

  it("spends no extra call when the total is an exact multiple and announced", async () => {
    const { fetch, requests } = catalog(500);
    const { values } = await testClient(fetch).client.products.list().collect();
    expect(values).toHaveLength(500);
    expect(requests).toHaveLength(2);
  });

  it("without Content-Range, stops on a short page", async () => {
    const { fetch, requests } = catalog(260, "none");
    const { values } = await testClient(fetch).client.products.list().collect();
    expect(values.map((p) => p.id).at(-1)).toBe(260);
    expect(requests).toHaveLength(2);
  });

  it("without Content-Range, an exact multiple ends on an empty page", async () => {
    const { fetch, requests } = catalog(250, "none");
    const pages = [];
    for await (const page of testClient(fetch).client.products.list().pages())
      pages.push(page.number);
    expect(pages).toEqual([1]);
    expect(requests).toHaveLength(2);
  });

  it("stops when the endpoint ignores ?p and repeats page 1", async () => {
    const rows = Array.from({ length: PAGE_SIZE }, (_, i) => productRow(i + 1));
    const { fetch, requests } = fakeHiboutik((app) => app.get("/products/", (c) => c.json(rows)));
    const { values } = await testClient(fetch).client.products.list().collect();
    expect(values).toHaveLength(PAGE_SIZE);
    expect(requests).toHaveLength(2);
  });

  it("treats a 404 past the end of an unannounced list as the end", async () => {
    const rows = Array.from({ length: PAGE_SIZE }, (_, i) => productRow(i + 1));
    const { fetch } = fakeHiboutik((app) =>
      app.get("/products/", (c) =>
        c.req.query("p") === "1" ? c.json(rows) : c.json({ error: "x" }, 404),
      ),
    );
    const { values } = await testClient(fetch).client.products.list().collect();
    expect(values).toHaveLength(PAGE_SIZE);
  });

  it("follows Content-Range on a bulk endpoint that turns out to paginate", async () => {
    const { fetch, requests } = fakeHiboutik((app) =>
      app.get("/stock_available/warehouse_id/1", (c) => {
        const page = Number(c.req.query("p") ?? "1");
        c.header("Content-Range", `${(page - 1) * 2 + 1}-${page * 2}/3`);
        const rows = page === 1 ? [1, 2] : [3];
        return c.json(rows.map((id) => ({ product_id: id, warehouse_id: 1, stock_available: 1 })));
      }),
    );
    const stock = await testClient(fetch).client.stock.byWarehouse(1).toArray();
    expect(stock.map((s) => s.productId)).toEqual([1, 2, 3]);
    expect(requests.map((r) => r.query)).toEqual(["", "?p=2"]);
  });

  it("retries a failing page and resumes where it was", async () => {
    let failures = 1;
    const { fetch: inner } = catalog(600);
    const { fetch, requests } = fakeHiboutik((app) =>
      app.get("/products/", async (c) => {
        if (c.req.query("p") === "2" && failures-- > 0) return c.json({ error: "boom" }, 500);
        return inner(c.req.url, { headers: c.req.raw.headers });
      }),
    );
    const { client, sleeps } = testClient(fetch);
    const { values } = await client.products.list().collect();
    expect(values).toHaveLength(600);
    expect(requests.map((r) => r.query)).toEqual(["?p=1", "?p=2", "?p=2", "?p=3"]);
    expect(sleeps).toHaveLength(1);
  });

  it("surfaces a page that keeps failing", async () => {
    const { fetch } = fakeHiboutik((app) =>
      app.get("/products/", (c) =>
        c.req.query("p") === "1" ? c.json([productRow(1)]) : c.json({}, 500),
      ),
    );
    const { fetch: full } = fakeHiboutik((app) =>
      app.get("/products/", (c) => {
        if (c.req.query("p") === "1") {
          c.header("Content-Range", "1-250/300");
          return c.json(Array.from({ length: 250 }, (_, i) => productRow(i + 1)));
        }
        return c.json({ error: "server_error" }, 503);
      }),
    );
    expect((await testClient(fetch).client.products.list().collect()).values).toHaveLength(1);
    await expect(testClient(full).client.products.list().collect()).rejects.toBeInstanceOf(
      HiboutikServerError,
    );
  });

  it("tolerates a { data: [...] } envelope", async () => {
    const { fetch } = fakeHiboutik((app) =>
      app.get("/products/", (c) => c.json({ data: [productRow(1), productRow(2)] })),
    );
    expect(await testClient(fetch).client.products.list().toArray()).toHaveLength(2);
  });
});
