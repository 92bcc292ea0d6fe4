import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { flagField } from "../parse/flags.ts";
import { idField, refField } from "../parse/ids.ts";
import { integerOrNullField } from "../parse/numbers.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { labelField, textField } from "../parse/text.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

/** Categories come as a flat list; the tree is built from `parentId` (null = root). */
export interface Category {
  readonly id: number;
  readonly name: string;
  readonly parentId: number | null;
  readonly enabled: boolean;
  readonly enabledOnWeb: boolean;
  readonly position: number | null;
  readonly color: string | null;
  readonly backgroundColor: string | null;
  readonly raw: WireRecord;
}

const categoryRecord = defineRecord({
  resource: "category",
  idKeys: ["category_id"],
  schema: z.object({
    category_id: idField,
    category_name: labelField,
    category_id_parent: refField,
    category_enabled: flagField(true),
    category_enabled_www: flagField(true),
    category_position: integerOrNullField,
    category_color: textField,
    category_bck_color: textField,
  }),
  build: (wire, raw): Category => ({
    id: wire.category_id,
    name: wire.category_name,
    parentId: wire.category_id_parent,
    enabled: wire.category_enabled,
    enabledOnWeb: wire.category_enabled_www,
    position: wire.category_position,
    color: wire.category_color,
    backgroundColor: wire.category_bck_color,
    raw,
  }),
});

export function categoriesResource(context: ResourceContext) {
  return {
    list(options: CallOptions = {}): Listing<Category> {
      return listing(context, paths.categories(), categoryRecord, options);
    },
  };
}
