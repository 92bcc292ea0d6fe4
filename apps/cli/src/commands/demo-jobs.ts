import { type ClientServices, findAccount, registerWebhooks } from "@comptoir/accounts";
import type { Config } from "@comptoir/config";
import { type Database, queryRows, schema } from "@comptoir/db";
import type { Simulator } from "@comptoir/hiboutik-sim";
import type { Logger } from "@comptoir/logger";
import { startService } from "@comptoir/server";
import type { BlobStore } from "@comptoir/storage";
import { and, eq, sql } from "drizzle-orm";

/**
 * The demo's jobs and webhooks step: a worker (and the webhook endpoint) in this process,
 * the demo account's webhooks registered with the simulator, then a price change in the POS
 * that travels webhook → queued incremental sync → mirror, without a full sync. Returns the
 * step's one-line detail.
 */
export async function demoJobs(
  db: Database,
  services: ClientServices,
  options: {
    readonly accountName: string;
    readonly simulator: Simulator;
    readonly config: Config;
    readonly logger: Logger;
    readonly blobs: BlobStore;
  },
): Promise<string> {
  const service = await startService({
    role: "all",
    db,
    logger: options.logger,
    config: options.config,
    accountServices: services,
    blobs: options.blobs,
    port: 0,
    pollingIntervalSeconds: 0.5,
  });
  try {
    const url = service.url ?? "";
    const { registered } = await registerWebhooks(db, services, options.accountName, url);
    const account = await findAccount(db, options.accountName);
    const [product] = await queryRows<{ product_id: number; price: string }>(
      db,
      sql`select product_id, price::text as price from catalog_products
          where account_id = ${account.id}::uuid and removed_at is null order by product_id limit 1`,
    );
    if (!product) return `webhooks registered (${registered.length}); no product to change`;
    const newPrice = (Number(product.price) + 1).toFixed(2);
    const started = performance.now();
    options.simulator.mutate.setPrice(product.product_id, newPrice);
    await options.simulator.webhooks.flush();
    const delivered = options.simulator.webhooks.deliveries().at(-1);
    // The worker picks the sync up after the webhook's short debounce.
    for (;;) {
      const [run] = await db
        .select()
        .from(schema.syncRuns)
        .where(
          and(eq(schema.syncRuns.accountId, account.id), eq(schema.syncRuns.kind, "products")),
        );
      if (run && run.outcome !== "running") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [mirrored] = await queryRows<{ price: string }>(
      db,
      sql`select price::text as price from catalog_products
          where account_id = ${account.id}::uuid and product_id = ${product.product_id}`,
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return (
      `${registered.length} webhooks (${registered.map((r) => r.event).join(", ")}) registered with the simulator ` +
      `at ${url}/webhooks/hiboutik/…; a price change of product ${product.product_id} in the POS ` +
      `(${product.price} → ${newPrice}) was delivered (HTTP ${delivered?.status ?? "?"}), re-read by the worker ` +
      `and mirrored as ${Number(mirrored?.price ?? 0).toFixed(2)} in ${seconds} s without a full sync; ` +
      `schedules and the admin API (${url}/api/v1/feeds, /api/v1/sync) run on the same queue`
    );
  } finally {
    await service.stop({ timeoutMs: 5000 });
  }
}
