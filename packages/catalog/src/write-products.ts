import { type DatabaseOrTransaction, queryRows } from "@comptoir/db";
import { sql } from "drizzle-orm";
import { canonicalJson } from "./hash.ts";
import type { MirrorProduct, ProductSource } from "./map-product.ts";
import { type Column, excludedAssignments, names, recordset } from "./sql-rows.ts";
import { writeStock } from "./write-stock.ts";

const PRODUCT_COLUMNS: readonly Column[] = [
  ["product_id", "int"],
  ["name", "text"],
  ["short_name", "text"],
  ["description", "text"],
  ["barcode", "text"],
  ["price", "numeric"],
  ["discount_price", "numeric"],
  ["supply_price", "numeric"],
  ["tax_id", "int"],
  ["vat_rate", "numeric"],
  ["brand_id", "int"],
  ["supplier_id", "int"],
  ["category_id", "int"],
  ["size_type_id", "int"],
  ["external_ref", "text"],
  ["supplier_reference", "text"],
  ["position", "int"],
  ["is_package", "boolean"],
  ["stock_managed", "boolean"],
  ["displayed_on_pos", "boolean"],
  ["published_on_web", "boolean"],
  ["archived", "boolean"],
  ["tags", "jsonb"],
  ["pos_updated_at", "text"],
  ["raw", "jsonb"],
  ["content_hash", "text"],
];
/** Written with their own rules on conflict (see the upsert). */
const SPECIAL_COLUMNS: readonly Column[] = [
  ["images", "jsonb"],
  ["stock_hash", "text"],
];
const VARIANT_COLUMNS: readonly Column[] = [
  ["product_id", "int"],
  ["size_id", "int"],
  ["name", "text"],
  ["barcode", "text"],
  ["position", "int"],
];

export interface ProductBatchCounts {
  added: number;
  changed: number;
  unchanged: number;
  stockChanged: number;
}

interface Existing {
  readonly product_id: number;
  readonly content_hash: string;
  readonly stock_hash: string;
  readonly images: unknown;
  readonly removed: boolean;
}

/**
 * Writes a batch of products (one list page, or a few details) into the mirror, touching only
 * what changed: a product is rewritten (with its sizes) when its content hash differs, when
 * its images changed, or when it comes back after being marked removed; its stock cells are
 * rewritten when its stock hash differs. Unchanged products cost one shared SELECT.
 */
export async function writeProducts(
  db: DatabaseOrTransaction,
  accountId: string,
  batch: readonly MirrorProduct[],
  options: { readonly now: Date; readonly source: ProductSource },
): Promise<ProductBatchCounts> {
  const counts: ProductBatchCounts = { added: 0, changed: 0, unchanged: 0, stockChanged: 0 };
  // The last record of a product wins if a page repeats it.
  const products = [...new Map(batch.map((p) => [p.productId, p])).values()];
  if (products.length === 0) return counts;
  const ids = products.map((p) => p.productId);
  const existing = new Map(
    (
      await queryRows<Existing>(
        db,
        sql`select product_id, content_hash, stock_hash, images, removed_at is not null as removed
            from catalog_products
            where account_id = ${accountId}::uuid and product_id = any(${sql.param(ids)}::int[])`,
      )
    ).map((row) => [row.product_id, row]),
  );

  const rewritten: MirrorProduct[] = [];
  const restocked: MirrorProduct[] = [];
  const added = new Set<number>();
  for (const product of products) {
    const before = existing.get(product.productId);
    if (!before) {
      counts.added += 1;
      added.add(product.productId);
      rewritten.push(product);
    } else if (differs(before, product)) {
      counts.changed += 1;
      rewritten.push(product);
    } else {
      counts.unchanged += 1;
    }
    if (product.stockHash !== undefined && product.stockHash !== before?.stock_hash)
      restocked.push(product);
  }

  if (rewritten.length > 0) {
    await upsertProducts(db, accountId, rewritten, options);
    await replaceVariants(db, accountId, rewritten);
  }
  // A detail read is recorded even when it changed nothing, so the product is no longer due.
  if (options.source === "detail") await stampDetailRead(db, { accountId, now: options.now }, ids);
  const rewrittenIds = new Set(rewritten.map((p) => p.productId));
  if (restocked.length > 0) {
    counts.stockChanged += await writeStock(
      db,
      accountId,
      restocked.map((p) => ({
        productId: p.productId,
        cells: p.stock ?? [],
        stockHash: p.stockHash ?? "",
        fresh: added.has(p.productId),
        hashWritten: rewrittenIds.has(p.productId),
      })),
      options.now,
    );
  }
  return counts;
}

/** A product comes back, its content changed, or a detail brought different images. */
function differs(before: Existing, product: MirrorProduct): boolean {
  return (
    before.removed ||
    before.content_hash !== product.contentHash ||
    (product.images !== undefined && canonicalJson(product.images) !== canonicalJson(before.images))
  );
}

async function upsertProducts(
  db: DatabaseOrTransaction,
  accountId: string,
  products: readonly MirrorProduct[],
  options: { readonly now: Date; readonly source: ProductSource },
): Promise<void> {
  const now = options.now.toISOString();
  const rows = products.map((p) => p.row);
  const detailReadAt = options.source === "detail" ? sql`${now}::timestamptz` : sql`null`;
  const columns = [...PRODUCT_COLUMNS, ...SPECIAL_COLUMNS];
  await queryRows(
    db,
    sql`insert into catalog_products
          (account_id, ${names(columns)}, detail_read_at, first_seen_at, synced_at)
        select ${accountId}::uuid, ${names(columns, "n.")}, ${detailReadAt},
          ${now}::timestamptz, ${now}::timestamptz
        from ${recordset(rows, columns)}
        on conflict (account_id, product_id) do update set
          ${excludedAssignments(PRODUCT_COLUMNS.filter(([name]) => name !== "product_id"))},
          images = coalesce(excluded.images, catalog_products.images),
          stock_hash = coalesce(nullif(excluded.stock_hash, ''), catalog_products.stock_hash),
          detail_read_at = coalesce(excluded.detail_read_at, catalog_products.detail_read_at),
          removed_at = null,
          synced_at = excluded.synced_at`,
  );
}

async function replaceVariants(
  db: DatabaseOrTransaction,
  accountId: string,
  products: readonly MirrorProduct[],
): Promise<void> {
  const ids = products.map((p) => p.productId);
  await queryRows(
    db,
    sql`delete from catalog_variants
        where account_id = ${accountId}::uuid and product_id = any(${sql.param(ids)}::int[])`,
  );
  const rows = products.flatMap((p) => {
    const unique = new Map(p.variants.map((v) => [v.sizeId, v]));
    return [...unique.values()].map((v) => ({
      product_id: p.productId,
      size_id: v.sizeId,
      name: v.name,
      barcode: v.barcode,
      position: v.position,
    }));
  });
  if (rows.length === 0) return;
  await queryRows(
    db,
    sql`insert into catalog_variants (account_id, ${names(VARIANT_COLUMNS)})
        select ${accountId}::uuid, ${names(VARIANT_COLUMNS, "n.")}
        from ${recordset(rows, VARIANT_COLUMNS)}`,
  );
}

/** Marks products' details as read now, at the POS `updated_at` the mirror holds for them. */
export async function stampDetailRead(
  db: DatabaseOrTransaction,
  context: { readonly accountId: string; readonly now: Date },
  productIds: readonly number[],
): Promise<void> {
  if (productIds.length === 0) return;
  await queryRows(
    db,
    sql`update catalog_products
        set detail_read_at = ${context.now.toISOString()}::timestamptz,
          detail_pos_updated_at = pos_updated_at
        where account_id = ${context.accountId}::uuid
          and product_id = any(${sql.param([...productIds])}::int[])`,
  );
}
