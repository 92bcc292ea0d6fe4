import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { flagField } from "../parse/flags.ts";
import { idField } from "../parse/ids.ts";
import { integerOrNullField } from "../parse/numbers.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { labelField } from "../parse/text.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

export interface Brand {
  readonly id: number;
  readonly name: string;
  readonly enabled: boolean;
  readonly enabledOnWeb: boolean;
  readonly position: number | null;
  readonly raw: WireRecord;
}

const brandRecord = defineRecord({
  resource: "brand",
  idKeys: ["brand_id"],
  schema: z.object({
    brand_id: idField,
    brand_name: labelField,
    brand_enabled: flagField(true),
    brand_enabled_www: flagField(true),
    brand_position: integerOrNullField,
  }),
  build: (wire, raw): Brand => ({
    id: wire.brand_id,
    name: wire.brand_name,
    enabled: wire.brand_enabled,
    enabledOnWeb: wire.brand_enabled_www,
    position: wire.brand_position,
    raw,
  }),
});

export function brandsResource(context: ResourceContext) {
  return {
    /** Paginated like products. */
    list(options: CallOptions = {}): Listing<Brand> {
      return listing(context, paths.brands(), brandRecord, options);
    },
  };
}
