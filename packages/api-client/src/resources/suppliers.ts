import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { flagField } from "../parse/flags.ts";
import { idField } from "../parse/ids.ts";
import { integerOrNullField } from "../parse/numbers.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { labelField, textField } from "../parse/text.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

export interface Supplier {
  readonly id: number;
  readonly name: string;
  readonly enabled: boolean;
  readonly position: number | null;
  readonly email: string | null;
  readonly externalRef: string | null;
  readonly raw: WireRecord;
}

const supplierRecord = defineRecord({
  resource: "supplier",
  idKeys: ["supplier_id"],
  schema: z.object({
    supplier_id: idField,
    supplier_name: labelField,
    supplier_enabled: flagField(true),
    supplier_position: integerOrNullField,
    supplier_email: textField,
    supplier_ref_ext: textField,
  }),
  build: (wire, raw): Supplier => ({
    id: wire.supplier_id,
    name: wire.supplier_name,
    enabled: wire.supplier_enabled,
    position: wire.supplier_position,
    email: wire.supplier_email,
    externalRef: wire.supplier_ref_ext,
    raw,
  }),
});

export function suppliersResource(context: ResourceContext) {
  return {
    list(options: CallOptions = {}): Listing<Supplier> {
      return listing(context, paths.suppliers(), supplierRecord, options);
    },
  };
}
