import { type KeyRing, needsReEncryption, reEncrypt } from "@comptoir/auth";
import { type Database, schema } from "@comptoir/db";
import { eq, isNotNull } from "drizzle-orm";

/**
 * After a new key is put first in the ring: re-encrypts every stored credential under it, so
 * the old key can eventually be removed. Safe to run again; untouched rows are skipped.
 */
export async function reencryptCredentials(
  db: Database,
  ring: KeyRing,
): Promise<{ readonly reencrypted: number; readonly total: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: schema.accounts.id, credentials: schema.accounts.credentials })
      .from(schema.accounts)
      .where(isNotNull(schema.accounts.credentials))
      .for("update");
    let reencrypted = 0;
    for (const row of rows) {
      if (!row.credentials || !needsReEncryption(ring, row.credentials)) continue;
      await tx
        .update(schema.accounts)
        .set({ credentials: reEncrypt(ring, row.credentials, row.id) })
        .where(eq(schema.accounts.id, row.id));
      reencrypted += 1;
    }
    return { reencrypted, total: rows.length };
  });
}
