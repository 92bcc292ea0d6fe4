import { formatDate, formatDateTime, ZERO_DATE, ZERO_DATETIME } from "../clock.ts";
import type { AddressSpec, CustomerSpec } from "../data/customers.ts";
import type { SaleSpec } from "../data/sales.ts";
import { formatMoney } from "../money.ts";
import type { WireRecord } from "./context.ts";
import { customerSaleSummary } from "./sales.ts";

export function addressWire(address: AddressSpec): WireRecord {
  return {
    address_id: address.id,
    creation_date:
      address.createdWallMs === null ? ZERO_DATETIME : formatDateTime(address.createdWallMs),
    first_name: address.firstName,
    last_name: address.lastName,
    // Address fields are partly inferred (doc §4.17), `company` included.
    company: address.company,
    email: address.email,
    phone: address.phone,
    address: address.street,
    zip_code: address.zip,
    city: address.city,
    country: address.country,
  };
}

export interface CustomerActivity {
  readonly lastOrderWallMs: number | null;
  readonly updatedWallMs: number;
  readonly sales: readonly WireRecord[];
}

/** Last order date, update date and sale summaries derived from the customer's sales. */
export function customerActivity(
  customer: CustomerSpec,
  sales: readonly SaleSpec[],
): CustomerActivity {
  const last = sales.reduce((max, sale) => Math.max(max, sale.completedWallMs ?? 0), 0);
  return {
    lastOrderWallMs: last === 0 ? null : last,
    updatedWallMs: Math.max(customer.createdWallMs, last),
    sales: sales.map(customerSaleSummary),
  };
}

/** `GET /customers/` element: no company, addresses or sales (one real list sample). */
export function customerListWire(customer: CustomerSpec, activity: CustomerActivity): WireRecord {
  return {
    customers_id: customer.id,
    first_name: customer.firstName,
    last_name: customer.lastName,
    email: customer.email,
    phone: customer.phone,
    vat: customer.vat,
    country: customer.country,
    date_of_birth: customer.birthDate ?? ZERO_DATE,
    validity: ZERO_DATE,
    loyalty_points: customer.loyaltyPoints,
    // Misspelled by the real API.
    intial_loyalty_points: 0,
    prepaid_purchases: "0.00",
    store_credit: formatMoney(customer.storeCreditCents),
    customers_ref_ext: "",
    customers_code: customer.code,
    last_order_date:
      activity.lastOrderWallMs === null ? ZERO_DATE : formatDate(activity.lastOrderWallMs),
  };
}

/** `GET /customer/{id}` element (inside a one-element array). */
export function customerDetailWire(customer: CustomerSpec, activity: CustomerActivity): WireRecord {
  const list = customerListWire(customer, activity);
  const { first_name, last_name, ...rest } = list;
  return {
    customers_id: customer.id,
    first_name,
    last_name,
    company: customer.company,
    ...rest,
    updated_at: formatDateTime(activity.updatedWallMs),
    addresses: customer.addresses.map(addressWire),
    sales: activity.sales,
  };
}
