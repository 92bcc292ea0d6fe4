import { afterEach, describe, expect, it } from "vitest";
import { startSimulatorServer } from "../src/index.ts";
import { basicHeader, FIXED_NOW, findProduct, list, type Row, simulator } from "./helpers.ts";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

describe("real HTTP server", () => {
  it("pages the catalog with Basic auth through real fetch on 127.0.0.1", async () => {
    const sim = simulator({ products: 600 });
    const server = await sim.listen(0);
    cleanup.push(() => server.close());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const auth = { authorization: basicHeader(sim.credentials.user, sim.credentials.apiKey) };
    const ids: number[] = [];
    let next: string | undefined = `${server.url}/api/products/`;
    while (next) {
      const response: Response = await fetch(next, { headers: auth });
      expect(response.status).toBe(200);
      ids.push(...((await response.json()) as Row[]).map((r) => Number(r.product_id)));
      const link = /<([^>]+)>; rel="next"/.exec(response.headers.get("link") ?? "");
      next = link?.[1];
      if (next) expect(next.startsWith(`${server.url}/api/products/?p=`)).toBe(true);
    }
    expect(ids).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(sim.requests.byPage("GET /products")).toEqual({ 1: 1, 2: 1, 3: 1 });
    expect((await fetch(`${server.url}/api/products/`)).status).toBe(401);
  });

  it("starts a standalone server whose payload URLs point at itself", async () => {
    const server = await startSimulatorServer({
      port: 0,
      products: 50,
      seed: 5,
      now: () => FIXED_NOW,
    });
    cleanup.push(() => server.close());
    expect(server.apiUrl).toBe(`${server.url}/api`);
    const headers = {
      authorization: basicHeader(server.credentials.user, server.credentials.apiKey),
    };
    const withImage = findProduct(
      server.simulator,
      "with images",
      (p) => list(p.images).length > 0,
    );
    const url = String(list(withImage.images)[1]?.url);
    expect(url.startsWith(`${server.apiUrl}/products_images/big_`)).toBe(true);
    const image = await fetch(url, { headers });
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    const stock = await fetch(`${server.apiUrl}/stock_available/all_wh`, { headers });
    expect(((await stock.json()) as Row[]).length).toBeGreaterThan(50);
  });
});
