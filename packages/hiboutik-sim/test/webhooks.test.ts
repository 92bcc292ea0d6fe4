import { describe, expect, it } from "vitest";
import { decodePhpForm, type Simulator } from "../src/index.ts";
import {
  basicHeader,
  findProduct,
  fixedClock,
  get,
  getJson,
  list,
  type Row,
  simulator,
} from "./helpers.ts";

interface Received {
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
}

function receiver() {
  const received: Received[] = [];
  const webhookFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    received.push({
      url: request.url,
      contentType: request.headers.get("content-type") ?? "",
      body: await request.text(),
    });
    return new Response('{"alerte":"ok"}', { status: 200 });
  };
  return { received, webhookFetch };
}

async function register(
  sim: Simulator,
  action: string,
  url = `https://shop.test/hooks/${action}?k=secret`,
) {
  const response = await sim.fetch(`${sim.baseUrl}/webhooks/`, {
    method: "POST",
    headers: {
      authorization: basicHeader(sim.credentials.user, sim.credentials.apiKey),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      webhook_label: `Comptoir ${action}`,
      webhook_url: url,
      webhook_action: action,
      webhook_app_id_int: "77",
    }).toString(),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { webhook_id: number }).webhook_id;
}

describe("webhook registration", () => {
  it("creates, lists and deletes webhooks", async () => {
    const sim = simulator();
    const id = await register(sim, "sale");
    expect(typeof id).toBe("number");
    const list = await getJson<Row[]>(sim, "/webhooks");
    expect(list).toEqual([
      {
        webhook_id: id,
        webhook_label: "Comptoir sale",
        webhook_url: "https://shop.test/hooks/sale?k=secret",
        webhook_action: "sale",
        webhook_app_id_int: 77,
      },
    ]);
    const auth = { authorization: basicHeader(sim.credentials.user, sim.credentials.apiKey) };
    const deleted = await sim.fetch(`${sim.baseUrl}/webhooks/${id}`, {
      method: "DELETE",
      headers: auth,
    });
    expect(deleted.status).toBe(200);
    expect(await getJson(sim, "/webhooks")).toEqual([]);
    const again = await sim.fetch(`${sim.baseUrl}/webhooks/${id}`, {
      method: "DELETE",
      headers: auth,
    });
    expect(again.status).toBe(404);
  });

  it("accepts JSON bodies and answers 422 with details for bad input", async () => {
    const sim = simulator();
    const response = await sim.fetch(`${sim.baseUrl}/webhooks`, {
      method: "POST",
      headers: {
        authorization: basicHeader(sim.credentials.user, sim.credentials.apiKey),
        "content-type": "application/json",
      },
      body: JSON.stringify({ webhook_url: "not a url", webhook_action: "sold" }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { details: Record<string, string> };
    expect(Object.keys(body.details).sort()).toEqual(["webhook_action", "webhook_url"]);
  });
});

describe("webhook delivery on mutations", () => {
  it("posts a form-encoded product event when a price changes, and bumps updated_at", async () => {
    const clock = fixedClock();
    const hooks = receiver();
    const sim = simulator({ now: clock.now, webhookFetch: hooks.webhookFetch });
    await register(sim, "product");
    const before = (await getJson<Row[]>(sim, "/products/5"))[0];
    clock.advance(60_000);
    sim.mutate.setPrice(5, "12.50");
    await sim.webhooks.flush();
    expect(hooks.received).toEqual([
      {
        url: "https://shop.test/hooks/product?k=secret",
        contentType: "application/x-www-form-urlencoded",
        body: "product_id=5",
      },
    ]);
    const after = (await getJson<Row[]>(sim, "/products/5"))[0];
    expect(after?.product_price).toBe("12.50");
    expect(after?.updated_at).toBe("2025-03-15 11:01:00");
    expect(after?.updated_at).not.toBe(before?.updated_at);
    expect(sim.webhooks.deliveries()[0]).toMatchObject({ action: "product", status: 200 });
  });

  it("archives, hides and adds products with product events", async () => {
    const hooks = receiver();
    const sim = simulator({ webhookFetch: hooks.webhookFetch, products: 600 });
    await register(sim, "product");
    sim.mutate.archiveProduct(7);
    sim.mutate.setWebVisibility(8, false);
    const id = sim.mutate.addProduct({ name: "Tote bag Comptoir", price: "15.00", stock: 4 });
    await sim.webhooks.flush();
    expect(id).toBe(601);
    expect(hooks.received.map((r) => r.body)).toEqual([
      "product_id=7",
      "product_id=8",
      "product_id=601",
    ]);
    expect(sim.catalog.listRecord(7)?.product_arch).toBe(1);
    expect(sim.catalog.listRecord(8)?.product_display_www).toBe(0);
    const added = (await getJson<Row[]>(sim, "/products/601"))[0];
    expect(added).toMatchObject({
      product_model: "Tote bag Comptoir",
      product_price: "15.00",
      product_barcode: "2430000006012",
    });
    const lastPage = await get(sim, "/products/?p=3");
    expect(lastPage.headers.get("content-range")).toBe("501-601/601");
  });

  it("sells a size out: closes a sale, moves stock, fires a PHP-bracket sale event", async () => {
    const hooks = receiver();
    const sim = simulator({ webhookFetch: hooks.webhookFetch, products: 600 });
    await register(sim, "sale");
    await register(sim, "stock_order");
    const sized = findProduct(
      sim,
      "sized and stock-managed",
      (p) => list(p.product_size_details).length > 0 && p.product_stock_management === 1,
    );
    const productId = Number(sized.product_id);
    const sizeId = Number(list(sized.product_size_details)[0]?.size_id);
    sim.mutate.setStock(productId, sizeId, 1, 3);
    const saleId = sim.mutate.sellOut(productId, sizeId);
    await sim.webhooks.flush();

    const stock = await getJson<Row[]>(
      sim,
      `/stock_available/product_id_size/${productId}/${sizeId}`,
    );
    expect(stock.find((row) => row.warehouse_id === 1)?.stock_available).toBe(0);

    expect(hooks.received.map((r) => r.url)).toEqual([
      "https://shop.test/hooks/stock_order?k=secret",
      "https://shop.test/hooks/sale?k=secret",
    ]);
    const raw = hooks.received[1]?.body ?? "";
    expect(raw).toContain(`line_items%5B0%5D%5Bproduct_id%5D=${productId}`);
    const payload = decodePhpForm(raw);
    expect(payload).toMatchObject({
      sale_id: String(saleId),
      order_id: String(saleId),
      shop_id: "1",
      store_address: { company: "COMPTOIR DES CANUTS", country: "FRA" },
      hiboutik_version: "19.0.2",
    });
    const lines = list(payload.line_items);
    expect(lines[0]).toMatchObject({
      product_id: String(productId),
      product_size: String(sizeId),
      quantity: "3",
    });
    expect(lines[0]?.stock_available).toEqual(
      expect.arrayContaining([
        { warehouse_id: "1", stock_available: "0", inventory_alert: expect.any(String) },
      ]),
    );
    expect(list(payload.taxes)[0]).toMatchObject({ tax_value: "0.20000", tax_letter_id: "A" });
  });

  it("fires sale_item and payment events for an open sale, and nothing once deleted", async () => {
    const hooks = receiver();
    const sim = simulator({ webhookFetch: hooks.webhookFetch });
    const id = await register(sim, "sale_item");
    await register(sim, "payment");
    const simple = findProduct(
      sim,
      "without sizes",
      (p) => list(p.product_size_details).length === 0 && p.product_package === 0,
    );
    sim.mutate.createSale({
      lines: [{ productId: Number(simple.product_id), quantity: 2 }],
      payment: "ESP",
    });
    await sim.webhooks.flush();
    expect(hooks.received.map((r) => decodePhpForm(r.body))).toEqual([
      expect.objectContaining({ product_id: String(simple.product_id), quantity: "2" }),
      expect.objectContaining({ payment: "ESP" }),
    ]);
    await sim.fetch(`${sim.baseUrl}/webhooks/${id}`, {
      method: "DELETE",
      headers: { authorization: basicHeader(sim.credentials.user, sim.credentials.apiKey) },
    });
    hooks.received.length = 0;
    sim.mutate.createSale({ lines: [{ productId: Number(simple.product_id) }] });
    await sim.webhooks.flush();
    expect(hooks.received.map((r) => r.url)).toEqual(["https://shop.test/hooks/payment?k=secret"]);
  });

  it("records failed deliveries without throwing", async () => {
    const sim = simulator({
      webhookFetch: () => Promise.reject(new Error("connection refused")),
    });
    await register(sim, "product");
    sim.mutate.setPrice(1, "9.90");
    await sim.webhooks.flush();
    expect(sim.webhooks.deliveries()[0]).toMatchObject({
      status: null,
      error: "connection refused",
    });
  });
});
