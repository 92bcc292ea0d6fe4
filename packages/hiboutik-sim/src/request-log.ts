/** Every request the simulator answered, so tests can check what a sync cost. */
export interface RequestLogEntry {
  readonly method: string;
  /** Request path without the `/api` prefix and trailing slash, e.g. `/products/12`. */
  readonly path: string;
  /** Route pattern, e.g. `GET /products/:product_id`; for unmatched paths, method + path. */
  readonly route: string;
  /** The `p` query parameter (1 when absent). */
  readonly page: number;
  readonly auth: "basic" | "bearer" | "none";
  status: number;
  readonly at: Date;
}

export interface RequestLog {
  /** Requests received since creation or the last reset (all statuses, OAuth included). */
  readonly total: number;
  /** Count per route pattern, e.g. `{ "GET /products": 400, "GET /categories": 1 }`. */
  byRoute(): Record<string, number>;
  /** Count per page for one route pattern, e.g. `byPage("GET /products")[7]`. */
  byPage(route: string): Record<number, number>;
  /** Count for one route pattern, or the total. */
  count(route?: string): number;
  /** Most recent entries (the last 10,000), oldest first. */
  entries(): readonly RequestLogEntry[];
  reset(): void;
}

const MAX_ENTRIES = 10_000;

export class RequestRecorder implements RequestLog {
  private totalCount = 0;
  private readonly routes = new Map<string, number>();
  private readonly pages = new Map<string, Map<number, number>>();
  private log: RequestLogEntry[] = [];

  get total(): number {
    return this.totalCount;
  }

  record(entry: RequestLogEntry): void {
    this.totalCount++;
    this.routes.set(entry.route, (this.routes.get(entry.route) ?? 0) + 1);
    let perPage = this.pages.get(entry.route);
    if (!perPage) {
      perPage = new Map();
      this.pages.set(entry.route, perPage);
    }
    perPage.set(entry.page, (perPage.get(entry.page) ?? 0) + 1);
    this.log.push(entry);
    if (this.log.length > MAX_ENTRIES) this.log = this.log.slice(-MAX_ENTRIES / 2);
  }

  byRoute(): Record<string, number> {
    return Object.fromEntries(this.routes);
  }

  byPage(route: string): Record<number, number> {
    return Object.fromEntries(this.pages.get(route) ?? []);
  }

  count(route?: string): number {
    return route === undefined ? this.totalCount : (this.routes.get(route) ?? 0);
  }

  entries(): readonly RequestLogEntry[] {
    return this.log;
  }

  reset(): void {
    this.totalCount = 0;
    this.routes.clear();
    this.pages.clear();
    this.log = [];
  }
}
