import { findAccount } from "@comptoir/accounts";
import type { KeyRing } from "@comptoir/auth";
import { type Database, queryRows } from "@comptoir/db";
import {
  type AddFeedInput,
  addFeed,
  feedPublicUrl,
  generateFeedRun,
  pruneOrphanedFeedBlobs,
  resolveFeed,
} from "@comptoir/publishing";
import type { BlobStore } from "@comptoir/storage";
import { sql } from "drizzle-orm";

const LINK_TEMPLATE = "https://demo-shop.example/p/{ref}?size={size}";

/**
 * The demo's feeds: one feed per channel (and per format where a channel has two) for the demo
 * account, generated from the mirror and published through the gate. Returns the step's
 * one-line detail: outcome and item count of each, and its public URL.
 */
export async function demoFeeds(
  db: Database,
  options: {
    readonly accountName: string;
    readonly store: BlobStore;
    readonly ring: KeyRing;
    readonly publicBaseUrl: string;
  },
): Promise<string> {
  // Earlier demo runs removed their account; their files go too.
  await pruneOrphanedFeedBlobs(db, options.store);
  const account = await findAccount(db, options.accountName);
  const stores = await queryRows<{ store_id: number }>(
    db,
    sql`select store_id from catalog_stores where account_id = ${account.id}::uuid order by store_id limit 2`,
  );

  const feeds: Omit<AddFeedInput, "account">[] = [
    { channel: "google", format: "xml" },
    { channel: "google", format: "tsv", name: "google-tsv" },
    {
      channel: "google-local",
      settings: {
        localInventory: {
          stores: stores.map((s) => ({
            storeId: s.store_id,
            storeCode: `STORE-${s.store_id}`,
            pickupMethod: "reserve",
            pickupSla: "same day",
          })),
        },
      },
    },
    { channel: "meta", format: "csv" },
    { channel: "meta", format: "xml", name: "meta-xml" },
    { channel: "microsoft" },
    { channel: "pinterest" },
    { channel: "tiktok" },
    {
      channel: "idealo",
      settings: {
        idealo: {
          deliveryTime: "2-3 jours",
          deliveryCosts: { colissimo: "4.90" },
          paymentCosts: { carte: "0.00" },
        },
      },
    },
    { channel: "csv" },
  ];

  const parts: string[] = [];
  let published = 0;
  for (const input of feeds) {
    const feed = await addFeed(db, {
      account: options.accountName,
      linkTemplate: LINK_TEMPLATE,
      ...input,
    });
    const result = await generateFeedRun(db, { store: options.store }, feed.id, {
      trigger: "demo",
    });
    if (result.liveGenerationId !== null) published++;
    const url = feedPublicUrl(options.publicBaseUrl, options.ring, await resolveFeed(db, feed.id));
    const figures =
      result.outcome === "failed"
        ? `failed (${result.error})`
        : `${result.outcome}, ${result.items} items${result.itemsExcluded ? ` (${result.itemsExcluded} excluded)` : ""}`;
    parts.push(`${feed.name} ${figures} ${url}`);
  }
  return (
    `${published} of ${feeds.length} feeds published for "${options.accountName}" ` +
    "(images from the product details the sync step read): " +
    parts.join("; ")
  );
}
