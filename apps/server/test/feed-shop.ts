import {
  addAccount,
  type ClientServices,
  findAccount,
  openAccountClient,
} from "@comptoir/accounts";
import { createKeyRing, generateKey, type KeyRing } from "@comptoir/auth";
import { syncCatalog } from "@comptoir/catalog";
import { loadConfig } from "@comptoir/config";
import type { Database, DatabaseOrTransaction } from "@comptoir/db";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { createLogger } from "@comptoir/logger";
import { type BlobStore, createMemoryStore } from "@comptoir/storage";
import { createFeedServing } from "../src/feeds/feed-serving.ts";
import { createApp } from "../src/index.ts";

const NOW = new Date("2026-11-20T10:00:00Z");
export const LINK_TEMPLATE = "https://demo-shop.example/p/{ref}?size={size}";

/**
 * A simulated shop synced into the mirror (account "shop"), a memory blob store, and the app
 * serving feeds from both with the real registry lookup. The lookup cache is off (TTL 0) so
 * each request sees the database as it is, and fetch records are written only on flush().
 */
export async function feedShop(db: DatabaseOrTransaction, options: { products?: number } = {}) {
  const sim = createSimulator({
    seed: 7,
    products: options.products ?? 20,
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
  const client = await openAccountClient(db as Database, services, account, {
    sleep: async () => {},
    retry: { maxAttempts: 2 },
  });
  await syncCatalog(db, client, { now: () => NOW });
  const store: BlobStore = createMemoryStore();
  const logger = createLogger({ level: "silent" });
  const feedServing = createFeedServing({
    db,
    ring,
    blobs: store,
    logger,
    cacheTtlMs: 0,
    flushEveryMs: 0,
  });
  const app = createApp({
    db: db as Database,
    logger,
    config: loadConfig({}, "/tmp"),
    accountServices: services,
    feedServing,
  });
  return { app, ring, store, recorder: feedServing.recorder };
}
