import { monthKey, toWallMs } from "./clock.ts";

export interface QuotaView {
  /** Calls allowed per calendar month. */
  readonly limit: number;
  /** Calls counted this month. */
  readonly used: number;
  readonly remaining: number;
  /** Sets this month's counter, e.g. to start a test near the limit. */
  setUsed(used: number): void;
}

/**
 * The monthly call budget (doc §3: 10,000 calls a month per shop, then 429 until month end).
 * Counted per calendar month of the injected clock.
 */
export class Quota implements QuotaView {
  private month = 0;
  private count = 0;
  /** Set by `faults.exhaustQuota()`, cleared by `faults.reset()`. */
  exhausted = false;

  constructor(
    readonly limit: number,
    private readonly now: () => Date,
  ) {}

  private roll(): void {
    const month = monthKey(toWallMs(this.now()));
    if (month !== this.month) {
      this.month = month;
      this.count = 0;
    }
  }

  get used(): number {
    this.roll();
    return this.count;
  }

  get remaining(): number {
    return this.exhausted ? 0 : Math.max(0, this.limit - this.used);
  }

  setUsed(used: number): void {
    this.roll();
    this.count = used;
  }

  /** Counts one call; false when the month's budget is spent. */
  tryConsume(): boolean {
    this.roll();
    if (this.exhausted || this.count >= this.limit) return false;
    this.count++;
    return true;
  }
}

/** At most `max` calls in flight (doc §3: 30 concurrent calls); the next one gets a 429. */
export class ConcurrencyGate {
  private active = 0;

  constructor(readonly max: number) {}

  get inFlight(): number {
    return this.active;
  }

  tryAcquire(): boolean {
    if (this.active >= this.max) return false;
    this.active++;
    return true;
  }

  release(): void {
    this.active = Math.max(0, this.active - 1);
  }
}
