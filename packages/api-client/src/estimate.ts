import { paths } from "./endpoints.ts";
import { routeOf } from "./meter.ts";
import { PAGE_SIZE } from "./pagination.ts";

/** Calls a planned operation will cost, in total and per "METHOD /route" (as the meter counts). */
export interface CallEstimate {
  readonly calls: number;
  readonly breakdown: Readonly<Record<string, number>>;
}

/**
 * Pages needed to read `rows` rows: at least one call even for an empty list. Without a
 * Content-Range header an exact multiple of 250 costs one more (empty) page.
 */
export function pagesFor(rows: number): number {
  return Math.max(1, Math.ceil(Math.max(0, rows) / PAGE_SIZE));
}

export interface CatalogSyncPlan {
  readonly products: number;
  /** Size types to read sizes for (one `/sizes/{id}` call each). */
  readonly sizeTypes?: number;
  /** Warehouses whose stock is read (one bulk call each). */
  readonly warehouses?: number;
  /** Products re-read one by one (`/products/{id}`): changed ones, or for images/active sizes. */
  readonly productDetails?: number;
  readonly categories?: number;
  readonly brands?: number;
  readonly suppliers?: number;
}

/**
 * A full catalog sync: ceil(products / 250) product pages + the fixed list calls (categories,
 * brands, suppliers, tags, taxes, stores, warehouses, size types) + one call per size type and
 * per warehouse + one per product detail re-read.
 */
export function estimateCatalogSync(plan: CatalogSyncPlan): CallEstimate {
  return tally([
    [paths.products(), pagesFor(plan.products)],
    [paths.categories(), pagesFor(plan.categories ?? 0)],
    [paths.brands(), pagesFor(plan.brands ?? 0)],
    [paths.suppliers(), pagesFor(plan.suppliers ?? 0)],
    [paths.productTags(), 1],
    [paths.taxes(), 1],
    [paths.stores(), 1],
    [paths.warehouses(), 1],
    [paths.sizeTypes(), 1],
    [paths.sizes(0), plan.sizeTypes ?? 0],
    [paths.stockByWarehouse(0), plan.warehouses ?? 1],
    [paths.product(0), plan.productDetails ?? 0],
  ]);
}

export interface SalesImportPlan {
  /** Store × day pairs to list (`/closed_sales/{store}/{Y}/{M}/{D}`). */
  readonly storeDays: number;
  /** Sales to read in full (`/sales/{id}`). */
  readonly sales: number;
  /** Distinct customers to resolve (`/customer/{id}`). */
  readonly customers?: number;
}

/** Reading sales for invoicing: one list per store-day, one call per sale and per customer. */
export function estimateSalesImport(plan: SalesImportPlan): CallEstimate {
  return tally([
    [paths.closedSales(0, { year: 2000, month: 1, day: 1 }), plan.storeDays],
    [paths.sale(0), plan.sales],
    [paths.customer(0), plan.customers ?? 0],
  ]);
}

function tally(entries: ReadonlyArray<readonly [string, number]>): CallEstimate {
  const breakdown: Record<string, number> = {};
  let calls = 0;
  for (const [path, count] of entries) {
    if (!Number.isFinite(count) || count < 0)
      throw new RangeError(`Invalid count ${count} for ${path}`);
    if (count === 0) continue;
    const key = `GET ${routeOf(path)}`;
    breakdown[key] = (breakdown[key] ?? 0) + count;
    calls += count;
  }
  return { calls, breakdown };
}
