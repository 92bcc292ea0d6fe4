import { dbTest as test } from "@comptoir/testing";
import { describe, expect } from "vitest";
import {
  addAccount,
  COMPTOIR_WEBHOOK_APP_ID,
  findAccountByWebhookSecret,
  registerWebhooks,
  rotateWebhookSecret,
  webhookSecret,
  webhookUrl,
} from "../src/index.ts";
import { shop } from "./support.ts";

describe("webhook secrets and registration", () => {
  test("give each account one secret, stored sealed, found by its hash", async ({ db }) => {
    const { services, basicInput } = shop();
    await addAccount(db as never, services, basicInput());
    const first = await webhookSecret(db, services.ring, "shop");
    const again = await webhookSecret(db, services.ring, "shop");
    expect(again.secret).toBe(first.secret);
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Neither column holds the secret in the clear.
    expect(first.account.webhookSecret).not.toContain(first.secret);
    expect(first.account.webhookSecretHash).not.toContain(first.secret);
    expect((await findAccountByWebhookSecret(db, first.secret))?.name).toBe("shop");
    expect(await findAccountByWebhookSecret(db, "x".repeat(32))).toBeUndefined();
    expect(await findAccountByWebhookSecret(db, "../../etc")).toBeUndefined();

    const rotated = await rotateWebhookSecret(db, services.ring, "shop");
    expect(rotated.secret).not.toBe(first.secret);
    expect(await findAccountByWebhookSecret(db, first.secret)).toBeUndefined();
    expect(webhookUrl("https://c.example/", rotated.secret, "product")).toBe(
      `https://c.example/webhooks/hiboutik/${rotated.secret}?event=product`,
    );
  });

  test("register one webhook per event with Hiboutik, replacing our earlier ones", async ({
    db,
  }) => {
    const { sim, services, basicInput } = shop();
    await addAccount(db as never, services, basicInput());
    const first = await registerWebhooks(db as never, services, "shop", "https://c.example");
    expect(first.registered.map((r) => r.event)).toEqual(["product", "stock_order", "sale"]);
    expect(first.replaced).toBe(0);
    const again = await registerWebhooks(db as never, services, "shop", "https://c.example");
    expect(again.replaced).toBe(3);
    const hooks = sim.webhooks.list();
    expect(hooks).toHaveLength(3);
    const { secret } = await webhookSecret(db, services.ring, "shop");
    expect(hooks.map((h) => h.webhook_url).sort()).toEqual(
      ["product", "sale", "stock_order"].map(
        (event) => `https://c.example/webhooks/hiboutik/${secret}?event=${event}`,
      ),
    );
    expect(hooks.every((h) => h.webhook_app_id_int === COMPTOIR_WEBHOOK_APP_ID)).toBe(true);
  });

  test("name an unknown account", async ({ db }) => {
    const { services } = shop();
    await expect(webhookSecret(db, services.ring, "nobody")).rejects.toMatchObject({
      code: "ACCOUNT_NOT_FOUND",
    });
  });
});
