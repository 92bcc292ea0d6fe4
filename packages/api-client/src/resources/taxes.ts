import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { flagField } from "../parse/flags.ts";
import { idField } from "../parse/ids.ts";
import { integerOrNullField } from "../parse/numbers.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { textField } from "../parse/text.ts";
import { type VatRate, vatFractionField } from "../parse/vat-rate.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

/** A VAT rate of the account; products point at it by id (`Product.taxId`). */
export interface Tax {
  readonly id: number;
  readonly rate: VatRate;
  readonly name: string | null;
  readonly enabled: boolean;
  readonly isDefault: boolean;
  readonly position: number | null;
  readonly raw: WireRecord;
}

const taxRecord = defineRecord({
  resource: "tax",
  idKeys: ["tax_id"],
  schema: z.object({
    tax_id: idField,
    tax_value: vatFractionField,
    tax_name: textField,
    tax_label: textField,
    tax_enabled: flagField(true),
    tax_default: flagField(),
    tax_position: integerOrNullField,
  }),
  build: (wire, raw): Tax => ({
    id: wire.tax_id,
    rate: wire.tax_value,
    name: wire.tax_name ?? wire.tax_label,
    enabled: wire.tax_enabled,
    isDefault: wire.tax_default,
    position: wire.tax_position,
    raw,
  }),
});

export function taxesResource(context: ResourceContext) {
  return {
    list(options: CallOptions = {}): Listing<Tax> {
      return listing(context, paths.taxes(), taxRecord, options);
    },
  };
}
