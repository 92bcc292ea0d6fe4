import { setTimeout as delay } from "node:timers/promises";
import pLimit from "p-limit";
import type { AuthSession } from "../auth.ts";
import { type CallMeter, routeOf } from "../meter.ts";
import { untilAborted } from "./abort.ts";
import { errorForResponse } from "./classify.ts";
import { buildUrl, parseJson, toStrings } from "./encoding.ts";
import { type ErrorBody, errorBodyIn2xx, isInvalidTokenCode, readErrorBody } from "./error-body.ts";
import {
  HiboutikAuthError,
  type HiboutikError,
  HiboutikMalformedResponseError,
  HiboutikNetworkError,
  HiboutikQuotaExhaustedError,
} from "./errors.ts";
import { backoffDelay, parseRetryAfter, type RetryPolicy } from "./retry.ts";

/** The subset of `fetch` the client uses; an in-process simulator's fetch fits. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
/** Waits `ms`; rejects when `signal` aborts. Injected so tests never wait for real. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface ApiRequest {
  readonly method?: "GET" | "POST" | "DELETE";
  /** Path below the API base, starting with "/", already URL-encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent form-encoded, as Hiboutik's official client does. */
  readonly form?: Readonly<Record<string, string | number>>;
  readonly signal?: AbortSignal;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or null for an empty body. */
  readonly body: unknown;
  /** "GET /products/": for error messages. */
  readonly endpoint: string;
}

export interface TransportConfig {
  readonly account: string;
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly auth: AuthSession;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly concurrency: number;
  readonly meter: CallMeter;
  readonly sleep: Sleep;
  readonly random: () => number;
  /** Epoch milliseconds; used for Retry-After dates and call timings. */
  readonly now: () => number;
  readonly userAgent: string | null;
}

export interface Transport {
  send(request: ApiRequest): Promise<ApiResponse>;
}

export const defaultSleep: Sleep = (ms, signal) =>
  delay(ms, undefined, signal ? { signal } : undefined);

type AttemptResult =
  | { readonly ok: true; readonly response: ApiResponse }
  | {
      readonly ok: false;
      readonly error: HiboutikError;
      readonly retryAfterMs: number | null;
      readonly invalidToken: boolean;
    };

/**
 * One HTTP layer for every call: auth header, per-attempt timeout, concurrency limit, metering,
 * token refresh + single replay, and retries with backoff on network errors, 5xx and 429.
 */
export function createTransport(config: TransportConfig): Transport {
  const limit = pLimit(config.concurrency);

  async function send(request: ApiRequest): Promise<ApiResponse> {
    const method = request.method ?? "GET";
    const endpoint = `${method} ${request.path}`;
    let attempt = 0;
    let retries = 0;
    let replayed = false;

    for (;;) {
      request.signal?.throwIfAborted();
      attempt += 1;
      const authorization = config.auth.authorization();
      const result = await limit(() =>
        attemptOnce(request, method, endpoint, authorization, attempt),
      );
      if (result.ok) return result.response;

      if (result.invalidToken && config.auth.canRefresh && !replayed) {
        replayed = true;
        await refreshOrFail(authorization, result.error);
        continue;
      }

      const { error } = result;
      // A POST may have been applied before it failed; only a refused one (429) is safe to resend.
      const resendable = method !== "POST" || error instanceof HiboutikQuotaExhaustedError;
      if (!error.retryable || !resendable || retries + 1 >= config.retry.maxAttempts) throw error;
      if (result.retryAfterMs !== null && result.retryAfterMs > config.retry.maxRetryAfterMs) {
        throw error;
      }
      retries += 1;
      const wait = result.retryAfterMs ?? backoffDelay(retries, config.retry, config.random);
      await config.sleep(wait, request.signal);
    }
  }

  async function refreshOrFail(authorization: string, failure: HiboutikError) {
    try {
      await config.auth.refresh(authorization);
    } catch (cause) {
      throw new HiboutikAuthError(
        `${failure.message} Refreshing the OAuth token failed too (${describe(cause)}); reconnect the app.`,
        { ...failure, cause },
      );
    }
  }

  async function attemptOnce(
    request: ApiRequest,
    method: string,
    endpoint: string,
    authorization: string,
    attempt: number,
  ): Promise<AttemptResult> {
    // A timer cleared after each attempt rather than AbortSignal.timeout, whose signals linger
    // until they fire and slowed long syncs down measurably.
    const deadline = new AbortController();
    const timer = setTimeout(
      () =>
        deadline.abort(new DOMException(`No answer within ${config.timeoutMs} ms`, "TimeoutError")),
      config.timeoutMs,
    );
    const timeout = deadline.signal;
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      return await exchange(request, method, endpoint, authorization, attempt, signal, timeout);
    } finally {
      clearTimeout(timer);
    }
  }

  async function exchange(
    request: ApiRequest,
    method: string,
    endpoint: string,
    authorization: string,
    attempt: number,
    signal: AbortSignal,
    timeout: AbortSignal,
  ): Promise<AttemptResult> {
    const startedAt = config.now();
    const record = (status: number | null) =>
      config.meter.record({
        account: config.account,
        method,
        route: routeOf(request.path),
        endpoint: `${method} ${routeOf(request.path)}`,
        status,
        attempt,
        durationMs: Math.max(0, config.now() - startedAt),
        startedAt,
      });

    let response: Response;
    let text: string;
    try {
      response = await untilAborted(
        config.fetch(buildUrl(config.baseUrl, request), {
          method,
          headers: buildHeaders(config, authorization, request),
          body: request.form ? new URLSearchParams(toStrings(request.form)).toString() : undefined,
          signal,
        }),
        signal,
      );
    } catch (cause) {
      record(null);
      return networkFailure(request, endpoint, attempt, timeout, cause);
    }
    record(response.status);
    try {
      text = await untilAborted(response.text(), signal);
    } catch (cause) {
      return networkFailure(request, endpoint, attempt, timeout, cause);
    }

    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), config.now());
    const parsed = parseJson(text);
    if (response.ok) {
      if (!parsed.ok) {
        return malformed(endpoint, attempt, method === "GET", parsed.error);
      }
      const inlineError = errorBodyIn2xx(parsed.value);
      if (inlineError)
        return refused(response.status, inlineError, endpoint, retryAfterMs, attempt);
      return {
        ok: true,
        response: {
          status: response.status,
          headers: response.headers,
          body: parsed.value,
          endpoint,
        },
      };
    }
    const body = parsed.ok ? readErrorBody(parsed.value) : null;
    return refused(response.status, body, endpoint, retryAfterMs, attempt);
  }

  function networkFailure(
    request: ApiRequest,
    endpoint: string,
    attempt: number,
    timeout: AbortSignal,
    cause: unknown,
  ): AttemptResult {
    // The caller's own abort is not a failure to retry or to dress up.
    if (request.signal?.aborted) throw request.signal.reason;
    const timedOut = timeout.aborted;
    const what = timedOut
      ? `Hiboutik did not answer ${endpoint} within ${config.timeoutMs} ms`
      : `Could not reach Hiboutik for ${endpoint} (${describe(cause)})`;
    return {
      ok: false,
      error: new HiboutikNetworkError(
        `${what} after ${attempt} attempt(s). Check the account subdomain or API URL and the ` +
          "network; if Hiboutik is slow, raise the client's timeoutMs.",
        { status: null, code: null, endpoint, attempts: attempt, timedOut, cause },
      ),
      retryAfterMs: null,
      invalidToken: false,
    };
  }

  return { send };
}

function refused(
  status: number,
  body: ErrorBody | null,
  endpoint: string,
  retryAfterMs: number | null,
  attempt: number,
): AttemptResult {
  const invalidToken = isInvalidTokenCode(body) || status === 401;
  return {
    ok: false,
    error: errorForResponse({
      status,
      body,
      endpoint,
      retryAfterMs,
      attempts: attempt,
      invalidToken,
    }),
    retryAfterMs,
    invalidToken,
  };
}

function malformed(
  endpoint: string,
  attempt: number,
  retryable: boolean,
  cause: unknown,
): AttemptResult {
  return {
    ok: false,
    error: new HiboutikMalformedResponseError(
      `Hiboutik answered ${endpoint} with a body that is not valid JSON (truncated or not an API ` +
        "response). If it persists, check that the API URL points at Hiboutik's /api.",
      { status: null, code: null, endpoint, attempts: attempt, retryable, cause },
    ),
    retryAfterMs: null,
    invalidToken: false,
  };
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
    return `${cause.message}${inner}`;
  }
  return String(cause);
}

function buildHeaders(config: TransportConfig, authorization: string, request: ApiRequest) {
  const headers: Record<string, string> = { accept: "application/json", authorization };
  if (request.form) headers["content-type"] = "application/x-www-form-urlencoded";
  if (config.userAgent) headers["user-agent"] = config.userAgent;
  return headers;
}
