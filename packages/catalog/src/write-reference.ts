import { type DatabaseOrTransaction, queryRows } from "@comptoir/db";
import { sql } from "drizzle-orm";
import { type Column, excludedAssignments, names, recordset } from "./sql-rows.ts";

/** A reference table of the mirror: keyed by (account, one Hiboutik id), with a `raw` column. */
export interface ReferenceTable {
  readonly table: string;
  readonly key: string;
  /** Every column but account_id and synced_at, key first. */
  readonly columns: readonly Column[];
}

export const REFERENCE_TABLES = {
  categories: {
    table: "catalog_categories",
    key: "category_id",
    columns: [
      ["category_id", "int"],
      ["parent_id", "int"],
      ["name", "text"],
      ["position", "int"],
      ["enabled", "boolean"],
      ["enabled_on_web", "boolean"],
      ["raw", "jsonb"],
    ],
  },
  brands: {
    table: "catalog_brands",
    key: "brand_id",
    columns: [
      ["brand_id", "int"],
      ["name", "text"],
      ["position", "int"],
      ["enabled", "boolean"],
      ["enabled_on_web", "boolean"],
      ["raw", "jsonb"],
    ],
  },
  suppliers: {
    table: "catalog_suppliers",
    key: "supplier_id",
    columns: [
      ["supplier_id", "int"],
      ["name", "text"],
      ["raw", "jsonb"],
    ],
  },
  taxes: {
    table: "catalog_taxes",
    key: "tax_id",
    columns: [
      ["tax_id", "int"],
      ["name", "text"],
      ["rate", "numeric"],
      ["enabled", "boolean"],
      ["raw", "jsonb"],
    ],
  },
  stores: {
    table: "catalog_stores",
    key: "store_id",
    columns: [
      ["store_id", "int"],
      ["name", "text"],
      ["warehouse_id", "int"],
      ["currency", "text"],
      ["time_zone", "text"],
      ["raw", "jsonb"],
    ],
  },
  warehouses: {
    table: "catalog_warehouses",
    key: "warehouse_id",
    columns: [
      ["warehouse_id", "int"],
      ["name", "text"],
      ["raw", "jsonb"],
    ],
  },
  sizes: {
    table: "catalog_sizes",
    key: "size_id",
    columns: [
      ["size_id", "int"],
      ["size_type_id", "int"],
      ["size_type_name", "text"],
      ["name", "text"],
      ["position", "int"],
      ["enabled", "boolean"],
      ["raw", "jsonb"],
    ],
  },
  tags: {
    table: "catalog_tags",
    key: "tag_id",
    columns: [
      ["tag_id", "int"],
      ["name", "text"],
      ["group_id", "int"],
      ["group_name", "text"],
      ["enabled", "boolean"],
      ["enabled_on_web", "boolean"],
      ["raw", "jsonb"],
    ],
  },
} as const satisfies Record<string, ReferenceTable>;

/**
 * Makes a reference table equal to `rows`: new rows are inserted, rows whose raw record changed
 * are rewritten (unchanged ones are not touched), and rows Hiboutik no longer lists are deleted,
 * except those in `keep` (records skipped as invalid still exist on the POS).
 */
export async function replaceReferenceRows(
  db: DatabaseOrTransaction,
  spec: ReferenceTable,
  accountId: string,
  rows: readonly Record<string, unknown>[],
  options: { readonly now: Date; readonly keep?: readonly number[] },
): Promise<void> {
  const table = sql.raw(spec.table);
  const key = sql.raw(spec.key);
  const seen = [...new Map(rows.map((row) => [row[spec.key], row])).values()];
  if (seen.length > 0) {
    const updatable = spec.columns.filter(([name]) => name !== spec.key);
    await queryRows(
      db,
      sql`insert into ${table} (account_id, ${names(spec.columns)}, synced_at)
          select ${accountId}::uuid, ${names(spec.columns, "n.")}, ${options.now.toISOString()}::timestamptz
          from ${recordset(seen, spec.columns)}
          on conflict (account_id, ${key}) do update
          set ${excludedAssignments(updatable)}, synced_at = excluded.synced_at
          where ${table}.raw is distinct from excluded.raw`,
    );
  }
  const kept = [...seen.map((row) => Number(row[spec.key])), ...(options.keep ?? [])];
  await queryRows(
    db,
    sql`delete from ${table} where account_id = ${accountId}::uuid
        and not (${key} = any(${sql.param(kept)}::int[]))`,
  );
}
