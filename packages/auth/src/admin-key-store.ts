import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { and, eq, isNull } from "drizzle-orm";
import {
  ADMIN_KEY_PREFIX,
  type AdminScope,
  createAdminKey,
  parseAdminKeyId,
  verifyAdminKey,
} from "./admin-keys.ts";

/** An admin key as listed: never its hash, never the key. */
export interface AdminKeySummary {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly AdminScope[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

function summarize(row: schema.AdminKeyRow): AdminKeySummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as AdminScope[],
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** Creates a key; the plain key is in the result and nowhere else, ever. */
export async function issueAdminKey(
  db: DatabaseOrTransaction,
  input: { readonly name: string; readonly scopes: readonly AdminScope[] },
): Promise<{ readonly key: string; readonly summary: AdminKeySummary }> {
  const { key, record } = createAdminKey(input);
  const [row] = await db
    .insert(schema.adminKeys)
    .values({
      name: record.name,
      prefix: record.prefix,
      hash: record.hash,
      scopes: [...record.scopes],
    })
    .returning();
  return { key, summary: summarize(row as schema.AdminKeyRow) };
}

export async function listAdminKeys(db: DatabaseOrTransaction): Promise<AdminKeySummary[]> {
  const rows = await db.select().from(schema.adminKeys).orderBy(schema.adminKeys.createdAt);
  return rows.map(summarize);
}

/** Revokes by prefix (`ck_…`) or by name; returns the revoked keys (none if nothing matched). */
export async function revokeAdminKey(
  db: DatabaseOrTransaction,
  prefixOrName: string,
  now: Date = new Date(),
): Promise<AdminKeySummary[]> {
  const match = prefixOrName.startsWith(ADMIN_KEY_PREFIX)
    ? eq(schema.adminKeys.prefix, prefixOrName)
    : eq(schema.adminKeys.name, prefixOrName);
  const rows = await db
    .update(schema.adminKeys)
    .set({ revokedAt: now })
    .where(and(match, isNull(schema.adminKeys.revokedAt)))
    .returning();
  return rows.map(summarize);
}

/** The live key matching `presented`, with its last use recorded; undefined otherwise. */
export async function authenticateAdminKey(
  db: DatabaseOrTransaction,
  presented: string,
  now: Date = new Date(),
): Promise<AdminKeySummary | undefined> {
  const id = parseAdminKeyId(presented);
  if (id === undefined) return undefined;
  const [row] = await db
    .select()
    .from(schema.adminKeys)
    .where(
      and(
        eq(schema.adminKeys.prefix, `${ADMIN_KEY_PREFIX}${id}`),
        isNull(schema.adminKeys.revokedAt),
      ),
    );
  if (!row || !verifyAdminKey({ id, hash: row.hash }, presented)) return undefined;
  await db.update(schema.adminKeys).set({ lastUsedAt: now }).where(eq(schema.adminKeys.id, row.id));
  return summarize({ ...row, lastUsedAt: now });
}
