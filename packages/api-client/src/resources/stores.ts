import { z } from "zod";
import { paths } from "../endpoints.ts";
import { HiboutikNotFoundError } from "../http/errors.ts";
import type { Listing } from "../pagination.ts";
import { idField, refField } from "../parse/ids.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { labelField, textField } from "../parse/text.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

export interface Store {
  readonly id: number;
  readonly name: string;
  /** The store's stock location: read its stock with `stock.byWarehouse(warehouseId)`. */
  readonly warehouseId: number | null;
  readonly currency: string | null;
  readonly defaultPaymentMethod: string | null;
  readonly timeZone: string | null;
  readonly raw: WireRecord;
}

export interface Warehouse {
  readonly id: number;
  readonly name: string;
  readonly raw: WireRecord;
}

const storeRecord = defineRecord({
  resource: "store",
  idKeys: ["store_id"],
  schema: z.object({
    store_id: idField,
    store_name: labelField,
    store_warehouse_id: refField,
    store_default_currency: textField,
    store_default_payment_method: textField,
    store_time_zone: textField,
  }),
  build: (wire, raw): Store => ({
    id: wire.store_id,
    name: wire.store_name,
    warehouseId: wire.store_warehouse_id,
    currency: wire.store_default_currency,
    defaultPaymentMethod: wire.store_default_payment_method,
    timeZone: wire.store_time_zone,
    raw,
  }),
});

const warehouseRecord = defineRecord({
  resource: "warehouse",
  idKeys: ["warehouse_id"],
  schema: z.object({ warehouse_id: idField, warehouse_name: labelField }),
  build: (wire, raw): Warehouse => ({ id: wire.warehouse_id, name: wire.warehouse_name, raw }),
});

export function storesResource(context: ResourceContext) {
  return {
    list(options: CallOptions = {}): Listing<Store> {
      return listing(context, paths.stores(), storeRecord, options);
    },
    /** One store, read from the list (Hiboutik has no per-store endpoint that we know of). */
    async get(storeId: number, options: CallOptions = {}): Promise<Store> {
      for await (const store of listing(context, paths.stores(), storeRecord, options).values()) {
        if (store.id === storeId) return store;
      }
      throw new HiboutikNotFoundError(
        `Hiboutik has no store ${storeId} on this account (GET /stores/). Check the store id.`,
        { status: null, code: null, endpoint: `GET ${paths.stores()}` },
      );
    },
  };
}

export function warehousesResource(context: ResourceContext) {
  return {
    list(options: CallOptions = {}): Listing<Warehouse> {
      return listing(context, paths.warehouses(), warehouseRecord, options);
    },
  };
}
