import { createHash, randomBytes } from "node:crypto";
import { HiboutikError, HiboutikForbiddenError } from "@comptoir/api-client";
import { decryptSecret, encryptSecret, type KeyRing } from "@comptoir/auth";
import { type Database, type DatabaseOrTransaction, schema } from "@comptoir/db";
import { and, eq, isNull } from "drizzle-orm";
import { type ClientServices, openAccountClient } from "./account-client.ts";
import { findAccount } from "./accounts.ts";
import { AccountError } from "./errors.ts";

/**
 * Hiboutik webhooks. Hiboutik does not sign deliveries, so each account gets a random secret in
 * its webhook URL (`/webhooks/hiboutik/{secret}`). The secret is kept as an envelope bound to the
 * account (to show the URL again) and as a SHA-256 (how a delivery finds its account).
 */

/** The events Comptoir listens to: catalog changes (→ incremental sync) and closed sales. */
export const WEBHOOK_EVENTS = ["product", "stock_order", "sale"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Our tag on the webhooks we create (`webhook_app_id_int`), to find and replace them. */
export const COMPTOIR_WEBHOOK_APP_ID = 7_266_470;

const aad = (accountId: string) => `webhook-secret:${accountId}`;

export function hashWebhookSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The account's webhook secret, created on first use (once, even with concurrent callers). */
export async function webhookSecret(
  db: DatabaseOrTransaction,
  ring: KeyRing,
  name: string,
): Promise<{ account: schema.Account; secret: string }> {
  const account = await findAccount(db, name);
  if (account.webhookSecret) {
    return { account, secret: decryptSecret(ring, account.webhookSecret, aad(account.id)) };
  }
  const secret = randomBytes(24).toString("base64url");
  const [written] = await db
    .update(schema.accounts)
    .set({
      webhookSecret: encryptSecret(ring, secret, aad(account.id)),
      webhookSecretHash: hashWebhookSecret(secret),
    })
    .where(and(eq(schema.accounts.id, account.id), isNull(schema.accounts.webhookSecret)))
    .returning();
  if (written) return { account: written, secret };
  // Someone else created it meanwhile: use theirs.
  return webhookSecret(db, ring, name);
}

/** Replaces the secret: the old URL stops working at once (register the webhooks again). */
export async function rotateWebhookSecret(
  db: DatabaseOrTransaction,
  ring: KeyRing,
  name: string,
): Promise<{ account: schema.Account; secret: string }> {
  const account = await findAccount(db, name);
  await db
    .update(schema.accounts)
    .set({ webhookSecret: null, webhookSecretHash: null })
    .where(eq(schema.accounts.id, account.id));
  return webhookSecret(db, ring, name);
}

/** The account a delivery's secret belongs to, or undefined (the route answers 404). */
export async function findAccountByWebhookSecret(
  db: DatabaseOrTransaction,
  secret: string,
): Promise<schema.Account | undefined> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(secret)) return undefined;
  const [account] = await db
    .select()
    .from(schema.accounts)
    .where(eq(schema.accounts.webhookSecretHash, hashWebhookSecret(secret)));
  return account;
}

/** `…/webhooks/hiboutik/{secret}?event=…` under the public URL. */
export function webhookUrl(publicUrl: string, secret: string, event?: WebhookEvent): string {
  const base = `${publicUrl.replace(/\/+$/, "")}/webhooks/hiboutik/${secret}`;
  return event ? `${base}?event=${event}` : base;
}

export interface WebhookRegistration {
  readonly event: WebhookEvent;
  readonly webhookId: number;
}

/**
 * Registers the account's webhooks with Hiboutik (one per event, tagged with our app id),
 * replacing the ones we registered before (a new public URL or a rotated secret).
 */
export async function registerWebhooks(
  db: Database,
  services: ClientServices,
  name: string,
  publicUrl: string,
): Promise<{ registered: WebhookRegistration[]; replaced: number }> {
  const { account, secret } = await webhookSecret(db, services.ring, name);
  const { client, usage } = await openAccountClient(db, services, account);
  try {
    const { values: existing } = await client.webhooks.list().collect();
    const ours = existing.filter(
      (hook) =>
        hook.appId === COMPTOIR_WEBHOOK_APP_ID || (hook.url ?? "").includes("/webhooks/hiboutik/"),
    );
    for (const hook of ours) await client.webhooks.delete(hook.id);
    const registered: WebhookRegistration[] = [];
    for (const event of WEBHOOK_EVENTS) {
      const { id } = await client.webhooks.create({
        label: `Comptoir (${event})`,
        url: webhookUrl(publicUrl, secret, event),
        action: event,
        appId: COMPTOIR_WEBHOOK_APP_ID,
      });
      registered.push({ event, webhookId: id });
    }
    return { registered, replaced: ours.length };
  } catch (error) {
    if (error instanceof HiboutikForbiddenError) {
      throw new AccountError(
        "CREDENTIALS_REJECTED",
        `Hiboutik refused to create webhooks for "${name}": the API user lacks the right to manage webhooks. Grant it in Hiboutik (Settings → Users) and try again.`,
        { cause: error },
      );
    }
    if (error instanceof HiboutikError) {
      throw new AccountError(
        "HIBOUTIK_UNREACHABLE",
        `Could not register the webhooks of "${name}" with Hiboutik: ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    await usage.flush(db);
  }
}
