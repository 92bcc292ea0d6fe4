import { describe, expect, it } from "vitest";
import { createSimulator } from "../src/index.ts";
import { FIXED_NOW, get, getJson, type Row, simulator } from "./helpers.ts";

async function bytes(path: string, seed: number): Promise<string> {
  const sim = createSimulator({ seed, products: 2000, now: () => FIXED_NOW });
  const response = await get(sim, path);
  expect(response.status).toBe(200);
  return response.text();
}

describe("determinism", () => {
  it("gives the same bytes for the same seed and clock", async () => {
    for (const path of [
      "/products/?p=3",
      "/products/1234",
      "/customers/?p=2",
      "/sales/500",
      "/categories",
    ]) {
      expect(await bytes(path, 7)).toBe(await bytes(path, 7));
    }
  });

  it("gives other data for another seed", async () => {
    expect(await bytes("/products/?p=1", 7)).not.toBe(await bytes("/products/?p=1", 8));
    expect(await bytes("/sales/500", 7)).not.toBe(await bytes("/sales/500", 8));
  });

  it("does not depend on the order in which records are read", async () => {
    const a = createSimulator({ seed: 3, products: 5000, now: () => FIXED_NOW });
    const b = createSimulator({ seed: 3, products: 5000, now: () => FIXED_NOW });
    await get(b, "/products/?p=20");
    await get(b, "/sales/42");
    expect(await (await get(a, "/products/4321")).text()).toBe(
      await (await get(b, "/products/4321")).text(),
    );
  });
});

describe("wire types", () => {
  it("sends ids and flags as numbers, money as 2-decimal strings, a one-element array per product", async () => {
    const sim = simulator();
    const detail = await getJson<Row[]>(sim, "/products/12");
    expect(Array.isArray(detail)).toBe(true);
    expect(detail).toHaveLength(1);
    const product = detail[0] as Row;
    for (const key of [
      "product_id",
      "product_brand",
      "product_supplier",
      "product_category",
      "product_size_type",
      "product_vat",
      "product_arch",
      "product_display_www",
      "product_stock_management",
    ]) {
      expect(typeof product[key], key).toBe("number");
    }
    for (const key of [
      "product_price",
      "product_discount_price",
      "product_supply_price",
      "misc_decimal",
    ]) {
      expect(product[key], key).toMatch(/^-?\d+\.\d{2}$/);
    }
    expect(product.misc_date).toBe("0000-00-00");
    expect(product.updated_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(product).toHaveProperty("product_desc");
    expect(product).not.toHaveProperty("products_desc");
    expect(Array.isArray(product.images)).toBe(true);
  });

  it("answers 404 with the documented error body for a missing product", async () => {
    const sim = simulator();
    const response = await get(sim, "/products/999999");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: expect.any(String),
      code: expect.any(Number),
      error_description: expect.any(String),
    });
  });

  it("accepts paths with and without a trailing slash", async () => {
    const sim = simulator();
    expect((await get(sim, "/products/5/")).status).toBe(200);
    expect((await get(sim, "/categories/")).status).toBe(200);
    expect((await get(sim, "/brands")).status).toBe(200);
  });

  it("answers 406 when Accept asks for another format", async () => {
    const sim = simulator();
    const response = await get(sim, "/products/1", { accept: "application/xml" });
    expect(response.status).toBe(406);
  });
});
