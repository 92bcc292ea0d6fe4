import type { Hono } from "hono";
import { notFound } from "../http/errors.ts";
import { jsonResponse } from "../http/json.ts";
import { intParam } from "../http/params.ts";
import type { RouteDeps } from "./deps.ts";

/**
 * Stores, warehouses, payment types and users. `GET /stores` has no legal identity in any
 * source (doc §4.8/§4.19): the seller identity travels in sale payloads (`store_address`).
 */
export function registerSettingsRoutes(app: Hono, deps: RouteDeps): void {
  const ref = deps.account.reference;

  app.get("/api/stores", () =>
    jsonResponse(
      ref.stores.map((s) => ({
        store_id: s.id,
        store_name: s.name,
        store_warehouse_id: s.warehouseId,
        store_default_currency: s.currency,
        store_default_payment_method: s.defaultPayment,
        store_time_zone: s.timeZone,
        discounts: [],
      })),
    ),
  );

  app.get("/api/warehouses", () =>
    jsonResponse(ref.warehouses.map((w) => ({ warehouse_id: w.id, warehouse_name: w.name }))),
  );

  // Fields unconfirmed (doc §4.16); no label field was ever seen, so none is sent.
  app.get("/api/payment_types/:store_id", (c) => {
    const store = ref.stores.find((s) => s.id === intParam(c.req.param("store_id")));
    if (!store) return notFound(`Store ${c.req.param("store_id")} not found`);
    return jsonResponse(
      store.paymentTypes.map((code) => ({
        payment_type: code,
        currency: store.currency,
        accounting_account: "",
      })),
    );
  });

  app.get("/api/users", () =>
    jsonResponse(
      ref.vendors.map((v) => ({
        user_id: v.id,
        user_first_name: v.firstName,
        user_last_name: v.lastName,
        user_email: v.email,
        user_validity: "0000-00-00",
      })),
    ),
  );
}
