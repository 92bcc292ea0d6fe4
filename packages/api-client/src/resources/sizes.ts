import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { flagField } from "../parse/flags.ts";
import { idField, refField } from "../parse/ids.ts";
import { integerOrNullField } from "../parse/numbers.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { labelField } from "../parse/text.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

/** A size grid ("Clothing S–XL"); a product has at most one. */
export interface SizeType {
  readonly id: number;
  readonly name: string;
  readonly raw: WireRecord;
}

export interface Size {
  readonly id: number;
  readonly sizeTypeId: number | null;
  readonly name: string;
  readonly enabled: boolean;
  readonly position: number | null;
  readonly raw: WireRecord;
}

const sizeTypeRecord = defineRecord({
  resource: "size type",
  idKeys: ["size_type_id"],
  schema: z.object({ size_type_id: idField, size_type_name: labelField }),
  build: (wire, raw): SizeType => ({ id: wire.size_type_id, name: wire.size_type_name, raw }),
});

const sizeRecord = defineRecord({
  resource: "size",
  idKeys: ["size_id"],
  schema: z.object({
    size_id: idField,
    size_type_id: refField,
    size_name: labelField,
    size_enabled: flagField(true),
    size_position: integerOrNullField,
  }),
  build: (wire, raw): Size => ({
    id: wire.size_id,
    sizeTypeId: wire.size_type_id,
    name: wire.size_name,
    enabled: wire.size_enabled,
    position: wire.size_position,
    raw,
  }),
});

export function sizesResource(context: ResourceContext) {
  return {
    types(options: CallOptions = {}): Listing<SizeType> {
      return listing(context, paths.sizeTypes(), sizeTypeRecord, options);
    },
    /** The sizes of one size type. */
    ofType(sizeTypeId: number, options: CallOptions = {}): Listing<Size> {
      return listing(context, paths.sizes(sizeTypeId), sizeRecord, options);
    },
  };
}
