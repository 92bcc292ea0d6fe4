import path from "node:path";
import type { Command } from "@commander-js/extra-typings";
import { reencryptCredentials } from "@comptoir/accounts";
import {
  createKeyRing,
  EMBEDDED_KEY_FILE,
  formatKeyRing,
  generateKey,
  loadOrCreateEmbeddedKeyRing,
  rotateKeys,
  saveKeyRingFile,
} from "@comptoir/auth";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import type { ContextFactory } from "../program.ts";

export function registerSecretCommands(program: Command, context: ContextFactory): void {
  const secrets = program
    .command("secrets")
    .description("the key ring that encrypts stored credentials and signs public links");

  secrets
    .command("generate")
    .description("print a new random key as KEY_ID:BASE64, for COMPTOIR_SECRET_KEYS")
    .option("--id <kid>", "key id (default k1)")
    .action((options) => {
      const ctx = context("secrets generate");
      const key = generateKey(options.id ? { id: options.id } : {});
      const line = formatKeyRing([key]);
      ctx.output.result({ keyId: key.id, secretKeys: line }, (r) => r.secretKeys);
    });

  secrets
    .command("rotate")
    .description(
      "embedded mode: put a new key first in the key file and re-encrypt everything with it",
    )
    .action(async () => {
      const ctx = context("secrets rotate");
      if (ctx.config.secretKeys || ctx.config.database.kind !== "pglite") {
        throw new CliError(
          "The key ring comes from COMPTOIR_SECRET_KEYS here. To rotate: run `comptoir secrets generate`, put its output FIRST in COMPTOIR_SECRET_KEYS (keep the old keys after it) for every process, restart them, then run `comptoir secrets reencrypt`. Old keys can be removed once nothing uses them.",
          ExitCode.Usage,
        );
      }
      const embedded = await loadOrCreateEmbeddedKeyRing(ctx.config.dataDir);
      const keys = rotateKeys(
        embedded.keys,
        generateKey({ existingIds: embedded.keys.map((k) => k.id) }),
      );
      const report = await ctx.withDatabase(async ({ db }) => {
        await saveKeyRingFile(path.join(ctx.config.dataDir, EMBEDDED_KEY_FILE), keys);
        return reencryptCredentials(db, createKeyRing(keys));
      });
      ctx.output.result(
        { primaryKeyId: keys[0]?.id, keyIds: keys.map((k) => k.id), ...report },
        (r) =>
          `New primary key ${r.primaryKeyId}; re-encrypted ${r.reencrypted} of ${r.total} stored credentials.`,
      );
    });

  secrets
    .command("reencrypt")
    .description("re-encrypt every stored credential with the first key of the ring")
    .action(async () => {
      const ctx = context("secrets reencrypt");
      const ring = await ctx.keyRing();
      const report = await ctx.withDatabase(({ db }) => reencryptCredentials(db, ring));
      ctx.output.result(
        { primaryKeyId: ring.primaryKeyId, ...report },
        (r) =>
          `Re-encrypted ${r.reencrypted} of ${r.total} stored credentials with key ${r.primaryKeyId}.`,
      );
    });
}
