import { gunzipSync } from "node:zlib";
import {
  addAccount,
  type ClientServices,
  findAccount,
  openAccountClient,
  registerWebhooks,
  webhookSecret,
} from "@comptoir/accounts";
import { createKeyRing, generateKey } from "@comptoir/auth";
import { syncCatalog } from "@comptoir/catalog";
import { loadConfig } from "@comptoir/config";
import { type Database, queryRows, schema } from "@comptoir/db";
import { createSimulator, encodePhpForm } from "@comptoir/hiboutik-sim";
import { createLogger } from "@comptoir/logger";
import { addFeed, generateFeedRun } from "@comptoir/publishing";
import { createMemoryStore } from "@comptoir/storage";
import { createTestDatabase, dbTest as test } from "@comptoir/testing";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { startService } from "../src/index.ts";
import { testApp } from "./support.ts";

const ring = createKeyRing([generateKey({ id: "t1" })]);

async function eventually(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A recorder in place of the job queue, for the route's own behaviour. */
function recordingJobs() {
  const sent: unknown[] = [];
  const seen = new Set<string>();
  return {
    sent,
    jobs: {
      async enqueueSync(payload: unknown) {
        const key = JSON.stringify(payload);
        if (seen.has(key)) return null;
        seen.add(key);
        sent.push(payload);
        return `job-${sent.length}`;
      },
      async enqueueGenerate() {
        return null;
      },
    },
  };
}

async function accountWithSecret(db: Parameters<typeof webhookSecret>[0]) {
  await db
    .insert(schema.accounts)
    .values({ name: "shop", hiboutikAccount: "shop", authKind: "basic" });
  return webhookSecret(db, ring, "shop");
}

describe("POST /webhooks/hiboutik/{secret}", () => {
  test("queues a product re-read for a product event and records the delivery", async ({ db }) => {
    const { account, secret } = await accountWithSecret(db);
    const { jobs, sent } = recordingJobs();
    const app = testApp(db, { ring }, { jobs });
    const post = (body: string, query = "") =>
      app.request(`/webhooks/hiboutik/${secret}${query}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    const response = await post("product_id=42", "?event=product");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, event: "product", queued: true });
    // The same event again collapses into the queued job, and is still answered 200.
    expect(await (await post("product_id=42", "?event=product")).json()).toMatchObject({
      queued: false,
    });
    expect(sent).toEqual([{ accountId: account.id, kind: "products", productIds: [42] }]);

    // A sale is recorded for the invoices part, with its PHP-bracket body decoded.
    const sale = encodePhpForm({
      sale_id: 9,
      line_items: [{ product_id: 30, quantity: 2 }],
      store_address: { company: "Demo & Cie" },
    });
    expect(await (await post(sale)).json()).toEqual({ ok: true, event: "sale", queued: false });
    const events = await db.select().from(schema.webhookEvents);
    expect(events.map((e) => e.action)).toEqual(["product", "product", "sale"]);
    expect(events[2]?.payload).toEqual({
      sale_id: "9",
      line_items: [{ product_id: "30", quantity: "2" }],
      store_address: { company: "Demo & Cie" },
    });
    expect(events[2]?.processedAt).toBeNull();
  });

  test("answers 404 for an unknown secret, 413 for a large body, 400 for a broken one", async ({
    db,
  }) => {
    const { secret } = await accountWithSecret(db);
    const { jobs, sent } = recordingJobs();
    const app = testApp(db, { ring }, { jobs });
    const unknown = await app.request(`/webhooks/hiboutik/${"A".repeat(32)}`, {
      method: "POST",
      body: "product_id=1",
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");

    const large = await app.request(`/webhooks/hiboutik/${secret}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `note=${"x".repeat(70 * 1024)}`,
    });
    expect(large.status).toBe(413);

    const deep = await app.request(`/webhooks/hiboutik/${secret}`, {
      method: "POST",
      body: `a${"[x]".repeat(10)}=1`,
    });
    expect(deep.status).toBe(400);
    expect(sent).toEqual([]);
    expect(await db.select().from(schema.webhookEvents)).toEqual([]);
  });

  test("keeps the secret out of the request log", async ({ db }) => {
    const { secret } = await accountWithSecret(db);
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      format: "json",
      destination: { write: (line: string) => lines.push(line) } as never,
    });
    const app = testApp(db, { ring }, { jobs: recordingJobs().jobs, logger });
    await app.request(`/webhooks/hiboutik/${secret}?event=product`, {
      method: "POST",
      body: "product_id=3",
    });
    expect(lines.join("\n")).toContain("/webhooks/hiboutik/…");
    expect(lines.join("\n")).not.toContain(secret);
  });
});

describe("a price change in the POS", () => {
  it("reaches the mirror and the published feed through the webhook, without a full sync", async () => {
    const database = await createTestDatabase();
    const db = database.handle.db as Database;
    const sim = createSimulator({ seed: 5, products: 20, monthlyQuota: 1_000_000 });
    const services: ClientServices = { ring, fetch: sim.fetch };
    const blobs = createMemoryStore();
    await addAccount(db, services, {
      name: "shop",
      hiboutikAccount: "demo-shop",
      apiUrl: sim.baseUrl,
      credentials: { kind: "basic", ...sim.credentials },
    });
    await syncCatalog(db, await openAccountClient(db, services, await findAccount(db, "shop")));
    const feed = await addFeed(db, {
      account: "shop",
      channel: "csv",
      linkTemplate: "https://demo-shop.example/p/{ref}",
    });
    expect((await generateFeedRun(db, { store: blobs }, feed.id)).outcome).toMatch(/^published/);

    const service = await startService({
      role: "all",
      db,
      logger: createLogger({ level: "silent" }),
      config: loadConfig({}, "/tmp"),
      accountServices: services,
      blobs,
      pollingIntervalSeconds: 0.5,
    });
    try {
      await registerWebhooks(db, services, "shop", service.url ?? "");
      const [product] = await queryRows<{ product_id: number }>(
        db,
        sql`select product_id from catalog_products where removed_at is null order by product_id limit 1`,
      );
      const productId = product?.product_id ?? 0;
      // A burst of edits to one product: one re-read, one regeneration.
      for (let cents = 1; cents <= 50; cents++)
        sim.mutate.setPrice(productId, `98.${String(cents).padStart(2, "0")}`);
      sim.mutate.setPrice(productId, "123.45");
      await sim.webhooks.flush();
      expect(sim.webhooks.deliveries().every((d) => d.status === 200)).toBe(true);

      await eventually(async () => {
        const runs = await db.select().from(schema.feedRuns);
        const pending = await service.jobs.pending();
        return runs.length >= 2 && Object.values(pending).every((n) => n === 0);
      });
      const syncs = await db.select().from(schema.syncRuns);
      expect(syncs.map((s) => s.kind).sort()).toEqual(["full", "products"]);
      const [mirrored] = await queryRows<{ price: string }>(
        db,
        sql`select price::text as price from catalog_products where product_id = ${productId}`,
      );
      expect(mirrored?.price).toMatch(/^123\.450*$/);

      const [live] = await db
        .select({ blobKey: schema.feedGenerations.blobKey })
        .from(schema.feeds)
        .innerJoin(
          schema.feedGenerations,
          sql`${schema.feedGenerations.id} = ${schema.feeds.liveGenerationId}`,
        );
      const blob = await blobs.get(live?.blobKey ?? "");
      const chunks: Buffer[] = [];
      for await (const chunk of blob?.body ?? []) chunks.push(Buffer.from(chunk));
      expect(gunzipSync(Buffer.concat(chunks)).toString("utf8")).toContain("123.45");
    } finally {
      await service.stop({ timeoutMs: 2000 });
      await database.dispose();
    }
  });
});
