import { type CallEstimate, estimateCatalogSync } from "@comptoir/api-client";

/** What a full sync's cost depends on, as far as the mirror knows it. */
export interface FullSyncSize {
  readonly products: number;
  /** Size types: one `/sizes/{id}` call each. */
  readonly sizeTypes: number;
  readonly categories?: number;
  readonly brands?: number;
  readonly suppliers?: number;
}

/**
 * The calls a full sync makes:
 *
 *   ceil(products / 250) product pages (at least 1)
 *   + 1 page per 250 categories, brands and suppliers (1 each for almost every shop)
 *   + 5 (taxes, stores, warehouses, size types, product tags)
 *   + 1 per size type (its sizes)
 *
 * i.e. ceil(products / 250) + 8 + size types for a usual shop. Stock comes embedded in the
 * product pages; only if Hiboutik ever leaves it out is the bulk stock call made (+1).
 */
export function fullSyncCost(size: FullSyncSize): CallEstimate {
  return estimateCatalogSync({
    products: size.products,
    sizeTypes: size.sizeTypes,
    categories: size.categories ?? 0,
    brands: size.brands ?? 0,
    suppliers: size.suppliers ?? 0,
    warehouses: 0,
  });
}

/** The breakdown key of product details in estimates. */
export const DETAIL_CALLS = "GET /products/{id}";

/** Re-reading products costs one `GET /products/{id}` each. */
export function productsSyncCost(productCount: number): CallEstimate {
  if (productCount === 0) return { calls: 0, breakdown: {} };
  return { calls: productCount, breakdown: { [DETAIL_CALLS]: productCount } };
}

/** A run's own calls plus its detail pass. */
export function withDetails(estimate: CallEstimate, details: number): CallEstimate {
  if (details <= 0) return estimate;
  const breakdown = { ...estimate.breakdown };
  breakdown[DETAIL_CALLS] = (breakdown[DETAIL_CALLS] ?? 0) + details;
  return { calls: estimate.calls + details, breakdown };
}

/** The stock of every warehouse in one call. */
export function stockSyncCost(): CallEstimate {
  return { calls: 1, breakdown: { "GET /stock_available/all_wh/": 1 } };
}
