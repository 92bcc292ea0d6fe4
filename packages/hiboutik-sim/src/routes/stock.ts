import type { Hono } from "hono";
import { notFound } from "../http/errors.ts";
import { jsonResponse, streamJsonArray } from "../http/json.ts";
import { intParam } from "../http/params.ts";
import type { WireRecord } from "../wire/context.ts";
import { stockRow, variantBarcode } from "../wire/products.ts";
import type { RouteDeps } from "./deps.ts";

/**
 * Stock endpoints (doc §4.9). The warehouse and all-warehouse lists are not paginated on the real
 * API (about 5,500 rows in one answer for one shop), so they are streamed here, generated row by
 * row, to keep memory flat for large catalogs.
 */
export function registerStockRoutes(app: Hono, deps: RouteDeps): void {
  const { account } = deps;

  function* warehouseRows(warehouseId: number | undefined): Generator<WireRecord> {
    for (let id = 1; id <= account.productCount; id++) {
      const spec = account.product(id);
      if (!spec || spec.stockManaged === 0) continue;
      for (const cell of spec.stock) {
        if (warehouseId !== undefined && cell.warehouseId !== warehouseId) continue;
        yield {
          ...stockRow(id, cell),
          product_barcode: variantBarcode(spec, cell.sizeId),
          product_supplier_reference: spec.supplierReference,
        };
      }
    }
  }

  app.get("/api/stock_available/product_id/:product_id", (c) => {
    const spec = account.product(intParam(c.req.param("product_id")) ?? 0);
    if (!spec) return notFound(`Product ${c.req.param("product_id")} not found`);
    return jsonResponse(spec.stock.map((cell) => stockRow(spec.id, cell)));
  });

  app.get("/api/stock_available/product_id_size/:product_id/:size_id", (c) => {
    const spec = account.product(intParam(c.req.param("product_id")) ?? 0);
    const sizeId = intParam(c.req.param("size_id"));
    if (!spec) return notFound(`Product ${c.req.param("product_id")} not found`);
    return jsonResponse(
      spec.stock.filter((cell) => cell.sizeId === sizeId).map((cell) => stockRow(spec.id, cell)),
    );
  });

  app.get("/api/stock_available/warehouse_id/:warehouse_id", (c) => {
    const warehouseId = intParam(c.req.param("warehouse_id"));
    if (!account.reference.warehouses.some((w) => w.id === warehouseId)) {
      return notFound(`Warehouse ${c.req.param("warehouse_id")} not found`);
    }
    return streamJsonArray(warehouseRows(warehouseId));
  });

  app.get("/api/stock_available/all_wh", () => streamJsonArray(warehouseRows(undefined)));
}
