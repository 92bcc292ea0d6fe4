import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { dateField, dateTimeField, type LocalDate, type LocalDateTime } from "../parse/dates.ts";
import { idField, refField } from "../parse/ids.ts";
import { listField, rawRowAt } from "../parse/lists.ts";
import { type Money, optionalMoneyField } from "../parse/money.ts";
import { integerOrNullField } from "../parse/numbers.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { textField } from "../parse/text.ts";
import { type CallOptions, getOne, listing, type ResourceContext } from "./context.ts";

/** A customer address; a sale's `billingAddressId` / `shippingAddressId` point at `id`. */
export interface CustomerAddress {
  readonly id: number;
  readonly createdAt: LocalDateTime | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  /** Street lines (`address`). */
  readonly street: string | null;
  readonly zipCode: string | null;
  readonly city: string | null;
  readonly country: string | null;
  readonly raw: WireRecord;
}

export interface CustomerSaleRef {
  readonly saleId: number;
  readonly storeId: number | null;
  readonly createdAt: LocalDateTime | null;
  readonly completedAt: LocalDateTime | null;
  readonly total: Money | null;
}

export interface Customer {
  /** `customers_id` (plural on the wire). */
  readonly id: number;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  /** The customer's VAT number (`vat`). */
  readonly vatNumber: string | null;
  /** ISO alpha-3 in samples ("FRA"), alpha-2 also seen. */
  readonly country: string | null;
  readonly dateOfBirth: LocalDate | null;
  readonly loyaltyPoints: number | null;
  /** `intial_loyalty_points` (sic). */
  readonly initialLoyaltyPoints: number | null;
  readonly storeCredit: Money | null;
  readonly prepaidPurchases: Money | null;
  readonly externalRef: string | null;
  readonly code: string | null;
  readonly lastOrderDate: LocalDate | null;
  readonly updatedAt: LocalDateTime | null;
  /** Only the detail (`customers.get`) carries addresses and sales. */
  readonly addresses: readonly CustomerAddress[];
  readonly sales: readonly CustomerSaleRef[];
  readonly raw: WireRecord;
}

const addressSchema = z.object({
  address_id: idField,
  creation_date: dateTimeField,
  first_name: textField,
  last_name: textField,
  company: textField,
  email: textField,
  phone: textField,
  address: textField,
  zip_code: textField,
  zippostal_code: textField,
  city: textField,
  country: textField,
});

const saleRefSchema = z.object({
  sale_id: idField,
  store_id: refField,
  created_at: dateTimeField,
  completed_at: dateTimeField,
  total: optionalMoneyField,
});

const customerRecord = defineRecord({
  resource: "customer",
  idKeys: ["customers_id", "customer_id"],
  schema: z
    .object({
      customers_id: refField,
      customer_id: refField,
      first_name: textField,
      last_name: textField,
      company: textField,
      email: textField,
      phone: textField,
      vat: textField,
      country: textField,
      date_of_birth: dateField,
      loyalty_points: integerOrNullField,
      intial_loyalty_points: integerOrNullField,
      initial_loyalty_points: integerOrNullField,
      store_credit: optionalMoneyField,
      prepaid_purchases: optionalMoneyField,
      customers_ref_ext: textField,
      customers_code: textField,
      last_order_date: dateField,
      updated_at: dateTimeField,
      addresses: listField(addressSchema),
      sales: listField(saleRefSchema),
    })
    .refine((wire) => (wire.customers_id ?? wire.customer_id) !== null, {
      message: "expected an id (a whole number)",
      path: ["customers_id"],
    }),
  build: (wire, raw): Customer => ({
    id: wire.customers_id ?? wire.customer_id ?? 0,
    firstName: wire.first_name,
    lastName: wire.last_name,
    company: wire.company,
    email: wire.email,
    phone: wire.phone,
    vatNumber: wire.vat,
    country: wire.country,
    dateOfBirth: wire.date_of_birth,
    loyaltyPoints: wire.loyalty_points,
    initialLoyaltyPoints: wire.intial_loyalty_points ?? wire.initial_loyalty_points,
    storeCredit: wire.store_credit,
    prepaidPurchases: wire.prepaid_purchases,
    externalRef: wire.customers_ref_ext,
    code: wire.customers_code,
    lastOrderDate: wire.last_order_date,
    updatedAt: wire.updated_at,
    addresses: wire.addresses.map((address, index) => ({
      id: address.address_id,
      createdAt: address.creation_date,
      firstName: address.first_name,
      lastName: address.last_name,
      company: address.company,
      email: address.email,
      phone: address.phone,
      street: address.address,
      zipCode: address.zip_code ?? address.zippostal_code,
      city: address.city,
      country: address.country,
      raw: rawRowAt(raw.addresses, index),
    })),
    sales: wire.sales.map((sale) => ({
      saleId: sale.sale_id,
      storeId: sale.store_id,
      createdAt: sale.created_at,
      completedAt: sale.completed_at,
      total: sale.total,
    })),
    raw,
  }),
});

export function customersResource(context: ResourceContext) {
  return {
    list(options: CallOptions = {}): Listing<Customer> {
      return listing(context, paths.customers(), customerRecord, options);
    },
    /** One customer with addresses and sales. */
    get(customerId: number, options: CallOptions = {}): Promise<Customer> {
      return getOne(context, paths.customer(customerId), customerRecord, options);
    },
  };
}
