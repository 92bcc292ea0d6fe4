import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { idField, refField, sizeIdField } from "../parse/ids.ts";
import { integerOrNullField, quantityField } from "../parse/numbers.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { textField } from "../parse/text.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

/** Stock of one variant in one warehouse. A variant is (productId, sizeId); sizeId 0 = no sizes. */
export interface StockLevel {
  readonly productId: number;
  readonly sizeId: number;
  readonly warehouseId: number;
  /** Units available; can be fractional for goods sold by weight. */
  readonly available: number;
  /** Reorder threshold (`inventory_alert`). */
  readonly alertThreshold: number | null;
  /** The variant's barcode; only the warehouse and all-warehouse endpoints send it. */
  readonly barcode: string | null;
  readonly supplierReference: string | null;
  readonly raw: WireRecord;
}

const stockRowFields = {
  product_size: sizeIdField,
  warehouse_id: idField,
  stock_available: quantityField,
  inventory_alert: integerOrNullField,
  product_barcode: textField,
  product_supplier_reference: textField,
};

/** Rows embedded in a product carry no product_id: the caller supplies it. */
export const embeddedStockSchema = z.object({ ...stockRowFields, product_id: refField });

export function toStockLevel(
  wire: z.output<typeof embeddedStockSchema>,
  raw: WireRecord,
  productId: number,
): StockLevel {
  return {
    productId: wire.product_id ?? productId,
    sizeId: wire.product_size,
    warehouseId: wire.warehouse_id,
    available: wire.stock_available,
    alertThreshold: wire.inventory_alert,
    barcode: wire.product_barcode,
    supplierReference: wire.product_supplier_reference,
    raw,
  };
}

const stockRow = defineRecord({
  resource: "stock row",
  idKeys: ["product_id"],
  schema: z.object({ ...stockRowFields, product_id: idField }),
  build: (wire, raw) => toStockLevel(wire, raw, wire.product_id),
});

export function stockResource(context: ResourceContext) {
  return {
    /**
     * Every variant of one warehouse, barcodes included, in one call (Hiboutik does not
     * paginate it; the client follows Content-Range if it ever does).
     */
    byWarehouse(warehouseId: number, options: CallOptions = {}): Listing<StockLevel> {
      return listing(context, paths.stockByWarehouse(warehouseId), stockRow, {
        ...options,
        paginated: false,
      });
    },
    /** Every variant of every warehouse, in one call. */
    allWarehouses(options: CallOptions = {}): Listing<StockLevel> {
      return listing(context, paths.stockAllWarehouses(), stockRow, {
        ...options,
        paginated: false,
      });
    },
    /** One row per size × warehouse for a product. */
    forProduct(productId: number, options: CallOptions = {}): Listing<StockLevel> {
      return listing(context, paths.stockByProduct(productId), stockRow, {
        ...options,
        paginated: false,
      });
    },
  };
}
