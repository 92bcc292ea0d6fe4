import {
  addAccount,
  type ClientServices,
  findAccount,
  openAccountClient,
} from "@comptoir/accounts";
import { createKeyRing, generateKey, type KeyRing } from "@comptoir/auth";
import { syncCatalog, syncProducts } from "@comptoir/catalog";
import { type Database, type DatabaseOrTransaction, schema } from "@comptoir/db";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { type BlobStore, createMemoryStore } from "@comptoir/storage";
import type { AddFeedInput } from "../src/index.ts";

export const NOW = new Date("2026-11-20T10:00:00Z");

export const LINK_TEMPLATE = "https://demo-shop.example/p/{ref}?size={size}";

/** Settings that make every channel publishable from the simulator's catalog. */
export const CHANNEL_FEEDS: readonly Omit<AddFeedInput, "account">[] = [
  { channel: "google", format: "xml", linkTemplate: LINK_TEMPLATE },
  { channel: "google", format: "tsv", name: "google-tsv", linkTemplate: LINK_TEMPLATE },
  {
    channel: "google-local",
    linkTemplate: LINK_TEMPLATE,
    settings: {
      localInventory: {
        stores: [
          { storeId: 1, storeCode: "LYON-1" },
          { storeId: 2, storeCode: "PARIS-2", pickupMethod: "reserve", pickupSla: "same day" },
        ],
      },
    },
  },
  { channel: "meta", linkTemplate: LINK_TEMPLATE },
  { channel: "meta", format: "xml", name: "meta-xml", linkTemplate: LINK_TEMPLATE },
  { channel: "microsoft", linkTemplate: LINK_TEMPLATE },
  { channel: "pinterest", linkTemplate: LINK_TEMPLATE },
  { channel: "tiktok", linkTemplate: LINK_TEMPLATE },
  {
    channel: "idealo",
    linkTemplate: LINK_TEMPLATE,
    settings: {
      idealo: {
        deliveryTime: "2-3 jours",
        deliveryCosts: { colissimo: "4.90" },
        paymentCosts: { carte: "0.00" },
      },
    },
  },
  { channel: "csv", linkTemplate: LINK_TEMPLATE },
];

/** A simulated shop registered as account "shop" and synced into the mirror. */
export async function syncedShop(
  db: DatabaseOrTransaction,
  options: { products?: number; seed?: number } = {},
) {
  const sim = createSimulator({
    seed: options.seed ?? 7,
    products: options.products ?? 60,
    now: () => NOW,
    monthlyQuota: 1_000_000,
  });
  const ring: KeyRing = createKeyRing([generateKey({ id: "t1" })]);
  const services: ClientServices = { ring, fetch: sim.fetch, now: () => NOW };
  await addAccount(db as Database, services, {
    name: "shop",
    hiboutikAccount: "demo-shop",
    apiUrl: sim.baseUrl,
    credentials: { kind: "basic", ...sim.credentials },
  });
  const account = await findAccount(db, "shop");
  const sync = async () => {
    const client = await openAccountClient(db as Database, services, account, {
      sleep: async () => {},
      retry: { maxAttempts: 2 },
    });
    return syncCatalog(db, client, { now: () => NOW });
  };
  await sync();
  // The list endpoint carries no images; the product details (one call each) do.
  const ids = (
    await db.select({ id: schema.catalogProducts.productId }).from(schema.catalogProducts)
  ).map((row) => row.id);
  if (ids.length > 0) {
    const client = await openAccountClient(db as Database, services, account, {
      sleep: async () => {},
      retry: { maxAttempts: 2 },
    });
    await syncProducts(db, client, ids, { now: () => NOW });
  }
  const store: BlobStore = createMemoryStore();
  return { sim, ring, account, store, services: { store }, sync };
}

export async function readAll(store: BlobStore, key: string): Promise<Buffer> {
  const blob = await store.get(key);
  if (!blob) throw new Error(`no blob ${key}`);
  const chunks: Buffer[] = [];
  for await (const chunk of blob.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
