import type { Hono } from "hono";
import { type CustomerSpec, customerOfAddress } from "../data/customers.ts";
import { notFound } from "../http/errors.ts";
import { jsonResponse } from "../http/json.ts";
import { intParam, pagedList, pagedResponse } from "../http/params.ts";
import {
  addressWire,
  customerActivity,
  customerDetailWire,
  customerListWire,
} from "../wire/customers.ts";
import { customerSaleSummary } from "../wire/sales.ts";
import type { RouteDeps } from "./deps.ts";

const SEARCH_FIELDS: Readonly<Record<string, (c: CustomerSpec) => string>> = {
  email: (c) => c.email,
  last_name: (c) => c.lastName,
  first_name: (c) => c.firstName,
  phone: (c) => c.phone,
  country: (c) => c.country,
  vat: (c) => c.vat,
};

export function registerCustomerRoutes(app: Hono, deps: RouteDeps): void {
  const { account } = deps;
  // List rows only need the last order date: build just the latest sale.
  const listRow = (customer: CustomerSpec) =>
    customerListWire(
      customer,
      customerActivity(customer, account.customerSales(customer.id, true)),
    );

  app.get("/api/customers", (c) =>
    pagedResponse(c.req.url, account.customerCount, (w) => {
      const rows = [];
      for (let i = w.start; i < w.end; i++) {
        const customer = account.customer(i + 1);
        if (customer) {
          rows.push(listRow(customer));
        }
      }
      return rows;
    }),
  );

  // AND of the given fields, case-insensitive exact match (doc §4.17). Scans all customers.
  app.get("/api/customers/search", (c) => {
    const filters = [...new URL(c.req.url).searchParams].filter(([key]) => key in SEARCH_FIELDS);
    const hits = [];
    if (filters.length > 0) {
      for (let id = 1; id <= account.customerCount; id++) {
        const customer = account.customer(id);
        if (!customer) continue;
        const ok = filters.every(
          ([key, value]) => SEARCH_FIELDS[key]?.(customer).toLowerCase() === value.toLowerCase(),
        );
        if (ok) {
          hits.push(listRow(customer));
        }
      }
    }
    return pagedList(c.req.url, hits);
  });

  app.get("/api/customer/:customer_id", (c) => {
    const customer = account.customer(intParam(c.req.param("customer_id")) ?? 0);
    if (!customer) return notFound(`Customer ${c.req.param("customer_id")} not found`);
    return jsonResponse([
      customerDetailWire(customer, customerActivity(customer, account.customerSales(customer.id))),
    ]);
  });

  app.get("/api/customer/:customer_id/sales", (c) => {
    const customer = account.customer(intParam(c.req.param("customer_id")) ?? 0);
    if (!customer) return notFound(`Customer ${c.req.param("customer_id")} not found`);
    return jsonResponse(account.customerSales(customer.id).map(customerSaleSummary));
  });

  app.get("/api/customers_addresses/:address_id", (c) => {
    const addressId = intParam(c.req.param("address_id")) ?? 0;
    const address = account
      .customer(customerOfAddress(addressId))
      ?.addresses.find((a) => a.id === addressId);
    if (!address) return notFound(`Address ${c.req.param("address_id")} not found`);
    return jsonResponse([addressWire(address)]);
  });
}
