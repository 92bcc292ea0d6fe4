import type { Hono } from "hono";
import { parseDay } from "../clock.ts";
import { notFound } from "../http/errors.ts";
import { jsonResponse } from "../http/json.ts";
import { intParam, pagedList, pagedResponse } from "../http/params.ts";
import type { WireRecord } from "../wire/context.ts";
import { closedSaleSummary, saleWire } from "../wire/sales.ts";
import type { RouteDeps } from "./deps.ts";

export function registerSalesRoutes(app: Hono, deps: RouteDeps): void {
  const { account, ctx } = deps;

  const storeExists = (id: number | undefined) => account.reference.stores.some((s) => s.id === id);

  app.get("/api/sales/:sale_id", (c) => {
    const sale = account.sale(intParam(c.req.param("sale_id")) ?? 0);
    if (!sale) return notFound(`Sale ${c.req.param("sale_id")} not found`);
    return jsonResponse([saleWire(sale, ctx)]);
  });

  // Month and day may be padded or not; the list paginates like the others when large.
  app.get("/api/closed_sales/:store_id/:year/:month/:day", (c) => {
    const storeId = intParam(c.req.param("store_id"));
    const day = parseDay(c.req.param("year"), c.req.param("month"), c.req.param("day"));
    if (!storeExists(storeId) || storeId === undefined) {
      return notFound(`Store ${c.req.param("store_id")} not found`);
    }
    if (day === undefined) return notFound("Invalid date");
    const ids = account.closedSaleIds(storeId, day);
    return pagedResponse(c.req.url, ids.length, (w) =>
      ids.slice(w.start, w.end).flatMap((id) => {
        const sale = account.sale(id);
        return sale ? [closedSaleSummary(sale)] : [];
      }),
    );
  });

  app.get("/api/open_sales/:store_id", (c) => {
    const storeId = intParam(c.req.param("store_id"));
    if (!storeExists(storeId) || storeId === undefined) {
      return notFound(`Store ${c.req.param("store_id")} not found`);
    }
    return jsonResponse(
      account.openSaleIds(storeId).flatMap((id) => {
        const sale = account.sale(id);
        return sale ? [closedSaleSummary(sale)] : [];
      }),
    );
  });

  // Sold quantities per (product_id, product_size) of one day; fields beyond those are inferred.
  app.get("/api/products_sold/:store_id/:year/:month/:day", (c) => {
    const storeId = intParam(c.req.param("store_id"));
    const day = parseDay(c.req.param("year"), c.req.param("month"), c.req.param("day"));
    if (!storeExists(storeId) || storeId === undefined) {
      return notFound(`Store ${c.req.param("store_id")} not found`);
    }
    if (day === undefined) return notFound("Invalid date");
    const totals = new Map<string, WireRecord & { quantity: number }>();
    for (const id of account.closedSaleIds(storeId, day)) {
      for (const line of account.sale(id)?.lines ?? []) {
        const key = `${line.product.id}:${line.sizeId}`;
        const row = totals.get(key) ?? {
          product_id: line.product.id,
          product_size: line.sizeId,
          product_model: line.product.model,
          quantity: 0,
        };
        row.quantity += line.quantity;
        totals.set(key, row);
      }
    }
    return pagedList(c.req.url, [...totals.values()]);
  });
}
