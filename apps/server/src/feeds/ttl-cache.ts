/**
 * A small in-process cache with a time-to-live and a size bound, for values that are cheap to
 * be slightly stale (see feed-service.ts for why a few seconds is acceptable). Concurrent misses
 * for one key share one load, so a burst on a cold key does one lookup, not one per request.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>();
  readonly #loading = new Map<string, Promise<V>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { ttlMs: number; maxEntries: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  /** The cached value if still fresh, without loading. */
  peek(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** The fresh value, or the result of `load` (cached unless `keep` says otherwise). */
  async get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true) {
    const cached = this.peek(key);
    if (cached !== undefined) return cached;
    const pending = this.#loading.get(key);
    if (pending !== undefined) return pending;
    const loading = load().then((value) => {
      if (this.#ttlMs > 0 && keep(value)) this.#set(key, value);
      return value;
    });
    this.#loading.set(key, loading);
    try {
      return await loading;
    } finally {
      this.#loading.delete(key);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #set(key: string, value: V): void {
    // Maps iterate in insertion order: dropping the first key drops the oldest entry.
    if (this.#entries.size >= this.#maxEntries && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expires: this.#now() + this.#ttlMs });
  }
}
