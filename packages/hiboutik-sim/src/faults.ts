import { Rng } from "./data/prng.ts";
import { ErrorCode, errorResponse } from "./http/errors.ts";

/** Fail one page of one list, e.g. `{ path: "/products", page: 7, status: 500 }`. */
export interface FailPageFault {
  /** Path with or without `/api` and trailing slash; a route pattern such as `/products/:product_id` also matches. */
  readonly path: string;
  readonly page: number;
  /** Default 500. */
  readonly status?: number;
  /** How many times it fails before answering normally again; default: every time. */
  readonly times?: number;
  /** Adds `Retry-After` (seconds) to the failure. */
  readonly retryAfter?: number;
}

/** Answer 429 to every call (or to the next `times` calls), with or without `Retry-After`. */
export interface RateLimitFault {
  readonly retryAfter?: number;
  readonly times?: number;
}

export interface FaultSettings {
  /** Added to every API call, while it holds one of the concurrency slots. */
  readonly latencyMs?: number;
  /** Share of API calls (0–1) answered with `errorStatus`. */
  readonly errorRate?: number;
  /** Default 500. */
  readonly errorStatus?: number;
  /** Share of successful responses (0–1) whose body is cut in half. */
  readonly truncateRate?: number;
  readonly failPage?: FailPageFault | readonly FailPageFault[] | null;
  readonly rateLimit?: RateLimitFault | null;
  /** What the simulated user answers on `/oauth_api/authorize/`; default "grant". */
  readonly oauthConsent?: "grant" | "deny";
}

export interface FaultControls {
  /** Merges the given settings into the current ones (`null` clears failPage/rateLimit). */
  set(settings: FaultSettings): void;
  readonly current: Readonly<FaultSettings>;
  /** The monthly quota reads as spent: every API call gets 429 until `reset()`. */
  exhaustQuota(): void;
  /** Every access token issued so far is expired (the next call gets 401 `code: 1`). */
  expireTokens(): void;
  /** Clears all faults, including an exhausted quota. */
  reset(): void;
}

export interface RequestShape {
  readonly path: string;
  readonly routePattern: string;
  readonly page: number;
}

function normalizePath(path: string): string {
  const withoutApi = path.startsWith("/api/") || path === "/api" ? path.slice(4) : path;
  const trimmed = withoutApi.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}

function serverError(status: number, headers: Record<string, string> = {}): Response {
  return errorResponse(
    status,
    {
      error: "internal_error",
      code: ErrorCode.server,
      error_description: "Internal server error (injected)",
    },
    headers,
  );
}

export function rateLimitResponse(description: string, retryAfter?: number): Response {
  return errorResponse(
    429,
    { error: "too_many_requests", code: ErrorCode.rateLimit, error_description: description },
    retryAfter === undefined ? {} : { "retry-after": String(retryAfter) },
  );
}

/** Fault state; the random draws come from a seeded stream, so a failing run replays. */
export class FaultInjector {
  settings: FaultSettings = {};
  private rng: Rng;
  private readonly failPageUses = new Map<FailPageFault, number>();
  private rateLimitUses = 0;

  constructor(private readonly seed: number) {
    this.rng = new Rng(seed);
  }

  set(settings: FaultSettings): void {
    if ("rateLimit" in settings) this.rateLimitUses = 0;
    if ("failPage" in settings) this.failPageUses.clear();
    this.settings = { ...this.settings, ...settings };
  }

  reset(): void {
    this.settings = {};
    this.rng = new Rng(this.seed);
    this.failPageUses.clear();
    this.rateLimitUses = 0;
  }

  async delay(): Promise<void> {
    const ms = this.settings.latencyMs ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Injected 429, checked before the quota so it does not consume a call. */
  rateLimited(): Response | undefined {
    const fault = this.settings.rateLimit;
    if (!fault) return undefined;
    if (fault.times !== undefined && this.rateLimitUses >= fault.times) return undefined;
    this.rateLimitUses++;
    return rateLimitResponse("Too many requests (injected)", fault.retryAfter);
  }

  /** Injected failures for an admitted call: a failing page, then the random error rate. */
  failure(request: RequestShape): Response | undefined {
    const pages = this.settings.failPage;
    const list = pages ? (Array.isArray(pages) ? pages : [pages]) : [];
    const path = normalizePath(request.path);
    const pattern = normalizePath(request.routePattern);
    for (const fault of list as readonly FailPageFault[]) {
      const target = normalizePath(fault.path);
      if ((target !== path && target !== pattern) || fault.page !== request.page) continue;
      const used = this.failPageUses.get(fault) ?? 0;
      if (fault.times !== undefined && used >= fault.times) continue;
      this.failPageUses.set(fault, used + 1);
      const status = fault.status ?? 500;
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      if (status === 429) {
        return rateLimitResponse("Too many requests (injected)", fault.retryAfter);
      }
      return serverError(status, headers);
    }
    const rate = this.settings.errorRate ?? 0;
    if (rate > 0 && this.rng.next() < rate) return serverError(this.settings.errorStatus ?? 500);
    return undefined;
  }

  /** Cuts a successful body in half (headers kept, length adjusted), as a dropped connection would. */
  async maybeTruncate(response: Response): Promise<Response> {
    const rate = this.settings.truncateRate ?? 0;
    if (rate <= 0 || response.status >= 300 || this.rng.next() >= rate) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(bytes.slice(0, Math.floor(bytes.length / 2)), {
      status: response.status,
      headers,
    });
  }
}
