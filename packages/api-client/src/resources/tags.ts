import { z } from "zod";
import { paths } from "../endpoints.ts";
import type { Listing } from "../pagination.ts";
import { flagField } from "../parse/flags.ts";
import { idField } from "../parse/ids.ts";
import { listField } from "../parse/lists.ts";
import { defineRecord, type WireRecord } from "../parse/record.ts";
import { labelField, textField } from "../parse/text.ts";
import { type CallOptions, listing, type ResourceContext } from "./context.ts";

export interface Tag {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly enabled: boolean;
  readonly enabledOnWeb: boolean;
}

/** Product tags are grouped in categories (`tag_cat`). */
export interface TagCategory {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly enabled: boolean;
  readonly enabledOnWeb: boolean;
  readonly tags: readonly Tag[];
  readonly raw: WireRecord;
}

const tagSchema = z.object({
  tag_id: idField,
  tag: labelField,
  tag_desc: textField,
  tag_enabled: flagField(true),
  tag_enabled_www: flagField(true),
});

const tagCategoryRecord = defineRecord({
  resource: "tag category",
  idKeys: ["tag_cat_id"],
  schema: z.object({
    tag_cat_id: idField,
    tag_cat: labelField,
    tag_cat_desc: textField,
    tag_cat_enabled: flagField(true),
    tag_cat_enabled_www: flagField(true),
    tag_details: listField(tagSchema),
  }),
  build: (wire, raw): TagCategory => ({
    id: wire.tag_cat_id,
    name: wire.tag_cat,
    description: wire.tag_cat_desc,
    enabled: wire.tag_cat_enabled,
    enabledOnWeb: wire.tag_cat_enabled_www,
    tags: wire.tag_details.map((tag) => ({
      id: tag.tag_id,
      name: tag.tag,
      description: tag.tag_desc,
      enabled: tag.tag_enabled,
      enabledOnWeb: tag.tag_enabled_www,
    })),
    raw,
  }),
});

export function tagsResource(context: ResourceContext) {
  return {
    /** Product tag categories with their tags. */
    products(options: CallOptions = {}): Listing<TagCategory> {
      return listing(context, paths.productTags(), tagCategoryRecord, options);
    },
  };
}
