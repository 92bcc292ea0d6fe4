import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { requiredTextField, textField } from "../parse/text.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

/**
 * A payment method enabled in a store, by code ("ESP", "CB", "CHE", "DIV"…). Hiboutik sends no
 * human label that we know of: keep a code → label map on our side.
 */
export interface PaymentType {
  readonly code: string;
  readonly label: string | null;
  readonly currency: string | null;
  readonly accountingAccount: string | null;
  readonly raw: WireRecord;
}

const paymentTypeRecord = defineRecord({
  resource: "payment type",
  idKeys: ["payment_type", "code"],
  schema: z.object({
    payment_type: requiredTextField,
    payment_type_label: textField,
    label: textField,
    currency: textField,
    accounting_account: textField,
  }),
  build: (wire, raw): PaymentType => ({
    code: wire.payment_type,
    label: wire.payment_type_label ?? wire.label,
    currency: wire.currency,
    accountingAccount: wire.accounting_account,
    raw,
  }),
});

/** Some accounts answer a list of bare codes: ["ESP", "CB"]. */
const paymentTypeCodec = {
  resource: paymentTypeRecord.resource,
  parse: (raw: unknown, endpoint: string) =>
    paymentTypeRecord.parse(typeof raw === "string" ? { payment_type: raw } : raw, endpoint),
};

export function paymentTypesResource(context: ResourceContext) {
  return {
    /** Payment codes enabled in a store. */
    list(storeId: number, options: CallOptions = {}): Listing<PaymentType> {
      return listing(context, paths.paymentTypes(storeId), paymentTypeCodec, options);
    },
  };
}
