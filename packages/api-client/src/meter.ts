import { HiboutikBudgetExceededError } from "./http/errors.ts";

/** Hiboutik's default allowance per shop; merchants can buy more. */
export const DEFAULT_MONTHLY_QUOTA = 10_000;

/** One HTTP request that left the client (retries and replays each count). */
export interface CallRecord {
  readonly account: string;
  readonly method: string;
  /** Path pattern with ids collapsed, e.g. "/products/{id}". */
  readonly route: string;
  /** "GET /products/{id}": the key of `byEndpoint()`. */
  readonly endpoint: string;
  /** HTTP status, or null when no response came back (the call may still have been counted). */
  readonly status: number | null;
  /** 1 for the first attempt of a call, 2+ for retries and token replays. */
  readonly attempt: number;
  readonly durationMs: number;
  /** Epoch milliseconds when the request was sent. */
  readonly startedAt: number;
}

export type CallListener = (call: CallRecord) => void;

export interface BudgetCheck {
  readonly ok: boolean;
  readonly needed: number;
  readonly remaining: number;
}

export interface CallMeterOptions {
  readonly monthlyQuota?: number;
  readonly onCall?: CallListener;
}

/**
 * Counts the calls one account makes. Hiboutik sends no quota headers, so this count (persisted
 * by the caller through `onCall`) is the only way to know how much of the month is left.
 */
export class CallMeter {
  readonly monthlyQuota: number;
  #calls = 0;
  readonly #byEndpoint = new Map<string, number>();
  readonly #listeners = new Set<CallListener>();

  constructor(options: CallMeterOptions = {}) {
    const quota = options.monthlyQuota ?? DEFAULT_MONTHLY_QUOTA;
    if (!Number.isInteger(quota) || quota < 0) {
      throw new RangeError(`monthlyQuota must be a whole number ≥ 0, got ${quota}`);
    }
    this.monthlyQuota = quota;
    if (options.onCall) this.#listeners.add(options.onCall);
  }

  /** Calls recorded since creation or the last `reset()`. */
  get calls(): number {
    return this.#calls;
  }

  /** Calls per "METHOD /route", e.g. `{ "GET /products/": 12, "GET /products/{id}": 3 }`. */
  byEndpoint(): Record<string, number> {
    return Object.fromEntries(this.#byEndpoint);
  }

  /** Subscribes to every call; returns the unsubscribe function. */
  onCall(listener: CallListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  record(call: CallRecord): void {
    this.#calls += 1;
    this.#byEndpoint.set(call.endpoint, (this.#byEndpoint.get(call.endpoint) ?? 0) + 1);
    for (const listener of this.#listeners) {
      try {
        listener(call);
      } catch {
        // A failing observer (e.g. a persistence hiccup) must not fail the API call it observes.
      }
    }
  }

  reset(): void {
    this.#calls = 0;
    this.#byEndpoint.clear();
  }

  /** Calls left this month, given the month's count so far (as persisted by the caller). */
  remaining(usedThisMonth: number): number {
    return Math.max(0, this.monthlyQuota - usedThisMonth);
  }

  /** Whether `needed` more calls fit in the month. */
  check(needed: number | { readonly calls: number }, usedThisMonth: number): BudgetCheck {
    const calls = typeof needed === "number" ? needed : needed.calls;
    const remaining = this.remaining(usedThisMonth);
    return { ok: calls <= remaining, needed: calls, remaining };
  }

  /** Throws HiboutikBudgetExceededError before a planned operation that would exhaust the month. */
  assertAffordable(
    needed: number | { readonly calls: number },
    usedThisMonth: number,
    operation = "this operation",
  ): void {
    const check = this.check(needed, usedThisMonth);
    if (check.ok) return;
    throw new HiboutikBudgetExceededError(
      `${operation} needs about ${check.needed} Hiboutik API calls but only ${check.remaining} ` +
        `of the month's ${this.monthlyQuota} are left. Wait for next month, buy extra calls in ` +
        "Hiboutik (Sales → Subscriptions), or do an incremental run instead.",
      {
        status: null,
        code: "budget_exceeded",
        endpoint: operation,
        needed: check.needed,
        remaining: check.remaining,
      },
    );
  }
}

/** "/products/112" → "/products/{id}", "/closed_sales/1/2025/03/14" → "/closed_sales/{id}/{id}/{id}/{id}". */
export function routeOf(path: string): string {
  return path
    .split("/")
    .map((segment) => (/^\d+$/.test(segment) ? "{id}" : segment))
    .join("/");
}
