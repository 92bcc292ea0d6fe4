import { Account } from "./account.ts";
import { createApp } from "./app.ts";
import type { SimulatorUser } from "./auth.ts";
import { createCatalogView } from "./catalog-view.ts";
import { startOfDay, toWallMs } from "./clock.ts";
import { hash32, Rng, Stream } from "./data/prng.ts";
import { type FaultControls, FaultInjector } from "./faults.ts";
import { ConcurrencyGate, Quota } from "./limits.ts";
import { listenOn } from "./listen.ts";
import { createMutations } from "./mutations/index.ts";
import { type OAuthClient, OAuthServer } from "./oauth.ts";
import { RequestRecorder } from "./request-log.ts";
import type { Simulator, SimulatorOptions } from "./types.ts";
import { WebhookHub } from "./webhooks.ts";
import type { WireContext } from "./wire/context.ts";

function defaultCustomers(products: number): number {
  return Math.min(200_000, Math.max(50, Math.round(products / 5)));
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const seed = options.seed ?? 42;
  const products = Math.max(0, Math.floor(options.products ?? 1000));
  const accountName = options.account ?? "demo-shop";
  const now = options.now ?? (() => new Date());
  const secrets = new Rng(hash32(seed, Stream.secrets));
  const users: SimulatorUser[] = options.users ?? [
    { email: `contact@${accountName}.fr`, apiKey: secrets.alnum(32) },
  ];
  const firstUser = users[0];
  if (!firstUser) throw new Error("At least one API user is needed");
  const oauthClients: OAuthClient[] = options.oauthClients ?? [
    {
      clientId: "comptoir",
      clientSecret: secrets.hex(32),
      redirectUri: "http://localhost:3000/oauth/hiboutik/callback",
    },
  ];
  const firstClient = oauthClients[0];
  if (!firstClient) throw new Error("At least one OAuth client is needed");

  const account = new Account({
    seed,
    account: accountName,
    products,
    customers: options.customers ?? defaultCustomers(products),
    days: options.days ?? 60,
    salesPerDay: options.salesPerDay ?? 20,
    anchorWallMs: startOfDay(toWallMs(now())),
    returnLines: options.returnLines ?? "negative-price",
  });
  const ctx: WireContext = {
    reference: account.reference,
    account: accountName,
    publicBaseUrl: options.publicBaseUrl ?? `https://${accountName}.hiboutik.com`,
  };
  const injector = new FaultInjector(hash32(seed, Stream.faults));
  const quota = new Quota(options.monthlyQuota ?? 10_000, now);
  const oauth = new OAuthServer({
    account: accountName,
    clients: oauthClients,
    now,
    rng: new Rng(hash32(seed, Stream.oauth)),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 365 * 86_400,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? null,
    consent: () => injector.settings.oauthConsent ?? "grant",
  });
  const webhooks = new WebhookHub(
    options.webhookFetch ?? ((input, init) => fetch(input, init)),
    now,
  );
  const log = new RequestRecorder();
  const app = createApp({
    account,
    ctx,
    webhooks,
    now,
    users,
    oauth,
    quota,
    concurrency: new ConcurrencyGate(options.maxConcurrentCalls ?? 30),
    faults: injector,
    log,
  });

  const faults: FaultControls = {
    set: (settings) => injector.set(settings),
    get current() {
      return injector.settings;
    },
    exhaustQuota: () => {
      quota.exhausted = true;
    },
    expireTokens: () => oauth.expireAll(),
    reset: () => {
      injector.reset();
      quota.exhausted = false;
    },
  };

  const catalog = createCatalogView(account, ctx);

  const sim: Simulator = {
    app,
    fetch: (input, init) =>
      Promise.resolve(app.request(input instanceof Request ? input : String(input), init)),
    baseUrl: `https://${accountName}.hiboutik.com/api`,
    credentials: { user: firstUser.email, apiKey: firstUser.apiKey },
    oauthClient: firstClient,
    faults,
    requests: log,
    mutate: createMutations({ account, ctx, webhooks, now, seed }),
    catalog,
    account: {
      name: accountName,
      stores: account.reference.stores.map((s) => ({
        store_id: s.id,
        store_name: s.name,
        store_warehouse_id: s.warehouseId,
        store_address: { ...s.address },
      })),
      warehouses: account.reference.warehouses.map((w) => ({
        warehouse_id: w.id,
        warehouse_name: w.name,
      })),
    },
    webhooks: {
      list: () => webhooks.list(),
      deliveries: () => webhooks.deliveries(),
      flush: () => webhooks.flush(),
    },
    quota,
    oauth: {
      issueToken: (scope = "basic_api", clientId = firstClient.clientId) =>
        oauth.issue(clientId, scope),
    },
    listen: (port = 0) => listenOn(app, port),
  };
  return sim;
}
