import { createAuthSession, type HiboutikAuth } from "./auth.ts";
import { type RetryPolicy, resolveRetryPolicy } from "./http/retry.ts";
import {
  type ApiRequest,
  type ApiResponse,
  createTransport,
  defaultSleep,
  type FetchLike,
  type Sleep,
} from "./http/transport.ts";
import { type CallListener, CallMeter } from "./meter.ts";
import { brandsResource } from "./resources/brands.ts";
import { categoriesResource } from "./resources/categories.ts";
import type { ResourceContext } from "./resources/context.ts";
import { customersResource } from "./resources/customers.ts";
import { identityResource } from "./resources/identity.ts";
import { imagesResource } from "./resources/images.ts";
import { paymentTypesResource } from "./resources/payment-types.ts";
import { productsResource } from "./resources/products.ts";
import { salesResource } from "./resources/sales.ts";
import { sizesResource } from "./resources/sizes.ts";
import { stockResource } from "./resources/stock.ts";
import { storesResource, warehousesResource } from "./resources/stores.ts";
import { suppliersResource } from "./resources/suppliers.ts";
import { tagsResource } from "./resources/tags.ts";
import { taxesResource } from "./resources/taxes.ts";
import { webhooksResource } from "./resources/webhooks.ts";

/** Hiboutik allows 30 concurrent calls per account; the client never goes above. */
export const MAX_CONCURRENCY = 30;
export const DEFAULT_CONCURRENCY = 5;
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HiboutikClientOptions {
  /** The Hiboutik subdomain: `https://{account}.hiboutik.com/api`. */
  readonly account: string;
  readonly auth: HiboutikAuth;
  /** Overrides the API base (a proxy, the simulator), e.g. "http://127.0.0.1:4010/api". */
  readonly baseUrl?: string;
  /** Defaults to the global fetch; tests pass a simulator's in-process fetch. */
  readonly fetch?: FetchLike;
  /** Calls in flight at once for this client (default 5, at most 30). */
  readonly concurrency?: number;
  /** Per HTTP attempt (default 30 s). */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Share one meter between clients of the same account; by default each client has its own. */
  readonly meter?: CallMeter;
  /** Used when no meter is given (default 10,000). */
  readonly monthlyQuota?: number;
  /** Called for every HTTP request sent, e.g. to persist the month's count. */
  readonly onCall?: CallListener;
  readonly userAgent?: string;
  /** Injected time, for tests: waiting, jitter and the clock (epoch ms). */
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly now?: () => number;
}

export type HiboutikClient = ReturnType<typeof createHiboutikClient>;

const ACCOUNT = /^[a-z0-9](?:[a-z0-9_-]{0,62})$/;

/** The typed Hiboutik REST client for one account. */
export function createHiboutikClient(options: HiboutikClientOptions) {
  const account = String(options.account ?? "")
    .trim()
    .toLowerCase();
  if (!ACCOUNT.test(account)) {
    throw new TypeError(
      `account must be the Hiboutik subdomain (letters, digits, "_" or "-"), got ${JSON.stringify(options.account)}`,
    );
  }
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? `https://${account}.hiboutik.com/api`);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new RangeError(
      `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY} (Hiboutik's limit), got ${concurrency}`,
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${timeoutMs}`);

  const meter = options.meter ?? new CallMeter({ monthlyQuota: options.monthlyQuota });
  if (options.onCall) meter.onCall(options.onCall);

  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const transport = createTransport({
    account,
    baseUrl,
    fetch: fetchImpl,
    auth: createAuthSession(options.auth),
    timeoutMs,
    retry: resolveRetryPolicy(options.retry),
    concurrency,
    meter,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    now,
    userAgent: options.userAgent ?? null,
  });
  const context: ResourceContext = { transport, baseUrl, now };
  const stores = storesResource(context);
  const sales = salesResource(context);

  return {
    account,
    baseUrl,
    meter,
    products: productsResource(context),
    images: imagesResource(context),
    sizes: sizesResource(context),
    categories: categoriesResource(context),
    brands: brandsResource(context),
    suppliers: suppliersResource(context),
    tags: tagsResource(context),
    taxes: taxesResource(context),
    stores,
    warehouses: warehousesResource(context),
    stock: stockResource(context),
    sales,
    identity: identityResource(context, stores, sales),
    customers: customersResource(context),
    paymentTypes: paymentTypesResource(context),
    webhooks: webhooksResource(context),
    /** Escape hatch for endpoints without a typed method: same auth, retries and metering. */
    request(request: ApiRequest): Promise<ApiResponse> {
      return transport.send(request);
    },
  };
}

function normalizeBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`baseUrl must use http or https, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    // Credentials belong in `auth`, never in a URL that may end up in logs.
    throw new TypeError("baseUrl must not contain credentials; pass them in `auth`");
  }
  return url.toString().replace(/\/+$/, "");
}
