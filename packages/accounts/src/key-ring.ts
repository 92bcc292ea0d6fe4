import {
  createKeyRing,
  generateKey,
  type KeyRing,
  loadOrCreateEmbeddedKeyRing,
} from "@comptoir/auth";
import type { Config } from "@comptoir/config";
import { AccountError } from "./errors.ts";

/**
 * The key ring that encrypts credentials and signs links:
 * - COMPTOIR_SECRET_KEYS when set (required with PostgreSQL: every process must share it);
 * - otherwise, in embedded mode, a key generated on first run under the data directory (0600);
 * - with an in-memory database, a throw-away key (nothing it protects outlives the process).
 */
export async function keyRingFromConfig(config: Config): Promise<KeyRing> {
  if (config.secretKeys) return createKeyRing(config.secretKeys);
  switch (config.database.kind) {
    case "pglite":
      return (await loadOrCreateEmbeddedKeyRing(config.dataDir)).ring;
    case "pglite-memory":
      return createKeyRing([generateKey({ id: "mem" })]);
    case "postgres":
      throw new AccountError(
        "SECRET_KEYS_REQUIRED",
        "COMPTOIR_SECRET_KEYS is required with PostgreSQL, so that every Comptoir process encrypts and signs with the same keys. " +
          "Generate one with `comptoir secrets generate` and set COMPTOIR_SECRET_KEYS=<its output> for every process.",
      );
  }
}
