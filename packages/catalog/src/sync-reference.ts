import type { HiboutikClient, Listing } from "@comptoir/api-client";
import type { Transaction } from "@comptoir/db";
import type { SyncContext } from "./run-sync.ts";
import { skippedId } from "./skipped.ts";
import { REFERENCE_TABLES, type ReferenceTable, replaceReferenceRows } from "./write-reference.ts";

/**
 * Reads the account's reference lists (one call each, plus one per size type) and makes the
 * mirror's reference tables equal to them. Invalid records are skipped with their reason.
 */
export async function syncReference(
  tx: Transaction,
  client: HiboutikClient,
  context: SyncContext,
): Promise<void> {
  const write = async <T>(
    spec: ReferenceTable,
    listing: Listing<T>,
    toRow: (value: T) => Record<string, unknown> | Record<string, unknown>[],
  ) => {
    const rows: Record<string, unknown>[] = [];
    const keep: number[] = [];
    for await (const record of listing) {
      if (record.ok) rows.push(...[toRow(record.value)].flat());
      else {
        context.skipped.add(record.error);
        const id = skippedId(record.error);
        if (id !== undefined) keep.push(id);
      }
    }
    await replaceReferenceRows(tx, spec, context.accountId, rows, { now: context.now, keep });
  };

  await write(REFERENCE_TABLES.categories, client.categories.list(), (c) => ({
    category_id: c.id,
    parent_id: c.parentId,
    name: c.name,
    position: c.position,
    enabled: c.enabled,
    enabled_on_web: c.enabledOnWeb,
    raw: c.raw,
  }));
  await write(REFERENCE_TABLES.brands, client.brands.list(), (b) => ({
    brand_id: b.id,
    name: b.name,
    position: b.position,
    enabled: b.enabled,
    enabled_on_web: b.enabledOnWeb,
    raw: b.raw,
  }));
  await write(REFERENCE_TABLES.suppliers, client.suppliers.list(), (s) => ({
    supplier_id: s.id,
    name: s.name,
    raw: s.raw,
  }));
  await write(REFERENCE_TABLES.taxes, client.taxes.list(), (t) => ({
    tax_id: t.id,
    name: t.name,
    rate: t.rate.fraction.toString(),
    enabled: t.enabled,
    raw: t.raw,
  }));
  await write(REFERENCE_TABLES.stores, client.stores.list(), (s) => ({
    store_id: s.id,
    name: s.name,
    warehouse_id: s.warehouseId,
    currency: s.currency,
    time_zone: s.timeZone,
    raw: s.raw,
  }));
  await write(REFERENCE_TABLES.warehouses, client.warehouses.list(), (w) => ({
    warehouse_id: w.id,
    name: w.name,
    raw: w.raw,
  }));
  await write(REFERENCE_TABLES.tags, client.tags.products(), (group) => {
    const rawTags = Array.isArray(group.raw.tag_details) ? group.raw.tag_details : [];
    return group.tags.map((tag, index) => ({
      tag_id: tag.id,
      name: tag.name,
      group_id: group.id,
      group_name: group.name,
      enabled: tag.enabled,
      enabled_on_web: tag.enabledOnWeb,
      raw: rawTags[index] ?? {},
    }));
  });
  const sizeTypes = await client.sizes.types().collect();
  for (const error of sizeTypes.invalid) context.skipped.add(error);
  const sizes: Record<string, unknown>[] = [];
  for (const type of sizeTypes.values) {
    const listed = await client.sizes.ofType(type.id).collect();
    for (const error of listed.invalid) context.skipped.add(error);
    for (const size of listed.values) {
      sizes.push({
        size_id: size.id,
        size_type_id: size.sizeTypeId ?? type.id,
        size_type_name: type.name,
        name: size.name,
        position: size.position,
        enabled: size.enabled,
        raw: size.raw,
      });
    }
  }
  await replaceReferenceRows(tx, REFERENCE_TABLES.sizes, context.accountId, sizes, {
    now: context.now,
  });
}
