import type { FeedSettings } from "../settings/schema.ts";
import type { SourceProduct } from "../source/types.ts";
import type { Availability, WarehouseStock } from "./item.ts";

export interface VariantStock {
  readonly availability: Availability;
  readonly availabilityDate: string | null;
  /** Whole units in the counted warehouses. */
  readonly quantity: number;
  /** Whole units per warehouse (every warehouse, for local inventory). */
  readonly byWarehouse: readonly WarehouseStock[];
}

/**
 * Availability of one variant. Stock management off means the shop always sells it (in stock).
 * Negative cells (sold before received) count as zero so that they cannot cancel another
 * warehouse's stock; fractional stock (sold by weight) is floored.
 */
export function variantStock(
  product: SourceProduct,
  sizeId: number,
  settings: FeedSettings["availability"],
  counted: ReadonlySet<number> | null,
): VariantStock {
  const byWarehouse: WarehouseStock[] = [];
  let quantity = 0;
  for (const cell of product.stock) {
    if (cell.sizeId !== sizeId) continue;
    const units = cell.available > 0 ? Math.floor(cell.available) : 0;
    byWarehouse.push({ warehouseId: cell.warehouseId, quantity: units });
    if (counted === null || counted.has(cell.warehouseId)) quantity += units;
  }
  // Mirrors list stock by warehouse already; sorting (which copies) only when they do not.
  if (!ascendingWarehouses(byWarehouse)) byWarehouse.sort((a, b) => a.warehouseId - b.warehouseId);
  if (!product.stockManaged) {
    return { availability: "in_stock", availabilityDate: null, quantity, byWarehouse };
  }
  if (quantity >= settings.minimumQuantity) {
    return { availability: "in_stock", availabilityDate: null, quantity, byWarehouse };
  }
  if (settings.outOfStock === "backorder") {
    return {
      availability: "backorder",
      availabilityDate: settings.backorderDate,
      quantity,
      byWarehouse,
    };
  }
  return { availability: "out_of_stock", availabilityDate: null, quantity, byWarehouse };
}

function ascendingWarehouses(cells: readonly WarehouseStock[]): boolean {
  for (let i = 1; i < cells.length; i++)
    if ((cells[i - 1] as WarehouseStock).warehouseId > (cells[i] as WarehouseStock).warehouseId)
      return false;
  return true;
}
