import type { Hono } from "hono";
import type { SimulatorUser } from "./auth.ts";
import type { ReturnLineStyle } from "./data/sales.ts";
import type { FaultControls } from "./faults.ts";
import type { QuotaView } from "./limits.ts";
import type { Mutations } from "./mutations/index.ts";
import type { OAuthClient, TokenResponse } from "./oauth.ts";
import type { RequestLog } from "./request-log.ts";
import type { WebhookDelivery, WebhookRegistration } from "./webhooks.ts";
import type { WireRecord } from "./wire/context.ts";

export interface SimulatorOptions {
  /** Default 42. Same seed (and clock) ⇒ same bytes. */
  seed?: number;
  /** Catalog size, 0 to 1,000,000+ (generated on demand). Default 1,000. */
  products?: number;
  /** Subdomain. Default "demo-shop". */
  account?: string;
  /** Calls per calendar month. Default 10,000. */
  monthlyQuota?: number;
  /** Clock for data ("today"), quota months and token expiry. Default the real clock. */
  now?: () => Date;
  /** Used to deliver webhooks. Default the global fetch. */
  webhookFetch?: typeof fetch;
  /** Registered OAuth apps. Default one app (see `sim.oauthClient`). */
  oauthClients?: OAuthClient[];
  /** API users for Basic auth. Default one user (see `sim.credentials`). */
  users?: SimulatorUser[];
  /** Days of closed-sales history before today. Default 60. */
  days?: number;
  /** Customers. Default products / 5, between 50 and 200,000. */
  customers?: number;
  /** Average sales a day in the main store. Default 20. */
  salesPerDay?: number;
  /** Concurrent calls allowed. Default 30. */
  maxConcurrentCalls?: number;
  /** Default 365 days (the FAQ's figure). */
  accessTokenTtlSeconds?: number;
  /** Default null: refresh tokens do not expire (their real lifetime is unknown). */
  refreshTokenTtlSeconds?: number | null;
  /** Origin of absolute URLs in payloads (images, logo). Default `https://{account}.hiboutik.com`. */
  publicBaseUrl?: string;
  /**
   * How returns appear on sale lines. Default "negative-price": the doc says Hiboutik refuses
   * negative quantities and returns use negative prices.
   */
  returnLines?: ReturnLineStyle;
}

/** Read-only ground truth, in wire form, for assertions. */
export interface CatalogView {
  readonly productCount: number;
  /** The `GET /products/{id}` element (mutations applied), or undefined. */
  product(id: number): WireRecord | undefined;
  /** The `GET /products/` element of that product. */
  listRecord(id: number): WireRecord | undefined;
  /** Products built so far: proves that paging does not generate the whole catalog. */
  readonly generatedCount: number;
  readonly customerCount: number;
  /** The `GET /customer/{id}` element. */
  customer(id: number): WireRecord | undefined;
  /** History sales plus those created by mutations. */
  readonly saleCount: number;
  /** The `GET /sales/{id}` element. */
  sale(id: number): WireRecord | undefined;
  /** Ids of the sales closed that day ("YYYY-MM-DD") in that store. */
  closedSaleIds(storeId: number, day: string): number[];
  /** The days of the generated history, oldest first ("YYYY-MM-DD"). */
  historyDays(): string[];
}

export interface AccountView {
  readonly name: string;
  /** Stores with the seller identity that sale payloads carry as `store_address`. */
  readonly stores: readonly WireRecord[];
  readonly warehouses: readonly WireRecord[];
}

export interface WebhooksView {
  list(): WebhookRegistration[];
  deliveries(): readonly WebhookDelivery[];
  /** Waits until every delivery fired so far has completed. */
  flush(): Promise<void>;
}

export interface OAuthView {
  /** Issues a token pair without the browser step (default scope "basic_api"). */
  issueToken(scope?: string, clientId?: string): TokenResponse;
}

export interface ListeningServer {
  readonly url: string;
  close(): Promise<void>;
}

export interface Simulator {
  /** Serves `/api/...` and `/oauth_api/...`. */
  readonly app: Hono;
  /** In-process fetch: `(input, init) => app.request(...)`; absolute URLs welcome, host ignored. */
  readonly fetch: typeof fetch;
  /** e.g. "https://demo-shop.hiboutik.com/api". */
  readonly baseUrl: string;
  readonly credentials: { readonly user: string; readonly apiKey: string };
  readonly oauthClient: OAuthClient;
  readonly faults: FaultControls;
  readonly requests: RequestLog;
  readonly mutate: Mutations;
  readonly catalog: CatalogView;
  readonly account: AccountView;
  readonly webhooks: WebhooksView;
  readonly quota: QuotaView;
  readonly oauth: OAuthView;
  /** Serves the app on 127.0.0.1 (port 0 = ephemeral). */
  listen(port?: number): Promise<ListeningServer>;
}
