import {
  type AccountClient,
  addAccount,
  type ClientServices,
  findAccount,
  openAccountClient,
} from "@comptoir/accounts";
import { createKeyRing, generateKey } from "@comptoir/auth";
import type { Database, DatabaseOrTransaction } from "@comptoir/db";
import { createSimulator, type Simulator } from "@comptoir/hiboutik-sim";

export const NOW = new Date("2026-11-20T10:00:00Z");

/** Rewrites the JSON body of matching responses (to corrupt a record, drop a product…). */
export type BodyRewrite = (path: string, url: URL, body: unknown) => unknown;

/**
 * A simulated shop registered as account "shop" in `db`, with a client whose retries do not
 * wait. `rewrite` edits responses on their way to the client.
 */
export async function simulatedShop(
  db: DatabaseOrTransaction,
  options: {
    products: number;
    seed?: number;
    quota?: number;
    webhookFetch?: typeof globalThis.fetch;
  } = { products: 30 },
) {
  let rewrite: BodyRewrite | undefined;
  const sim: Simulator = createSimulator({
    seed: options.seed ?? 11,
    products: options.products,
    now: () => NOW,
    monthlyQuota: 1_000_000,
    webhookFetch: options.webhookFetch,
  });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await sim.fetch(input, init);
    const edit = rewrite;
    if (!edit || !response.ok) return response;
    const url = new URL(String(input instanceof Request ? input.url : input));
    const path = url.pathname.replace(/^\/api/, "");
    const body = edit(path, url, await response.json());
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(JSON.stringify(body), { status: response.status, headers });
  };
  const services: ClientServices = {
    ring: createKeyRing([generateKey({ id: "t1" })]),
    fetch,
    now: () => NOW,
  };
  await addAccount(db as Database, services, {
    name: "shop",
    hiboutikAccount: "demo-shop",
    apiUrl: sim.baseUrl,
    monthlyCallQuota: options.quota,
    credentials: { kind: "basic", ...sim.credentials },
  });
  const account = await findAccount(db, "shop");
  sim.requests.reset();
  return {
    sim,
    account,
    /** A fresh client (and usage recorder), as each CLI run or webhook would open. */
    open: (): Promise<AccountClient> =>
      openAccountClient(db as Database, services, account, {
        sleep: async () => {},
        retry: { maxAttempts: 2 },
      }),
    setRewrite(next: BodyRewrite | undefined) {
      rewrite = next;
    },
  };
}

/**
 * The tests of the list, stock and re-read paths leave the detail pass out (its own tests in
 * details.db.test.ts give `details` explicitly), so their call counts are the paths' own.
 */
export const syncOptions = { now: () => NOW, details: "none" as const };
