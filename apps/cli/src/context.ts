import { type ClientServices, keyRingFromConfig, oauthAppFromConfig } from "@comptoir/accounts";
import type { KeyRing } from "@comptoir/auth";
import { type Config, type Environment, loadConfig } from "@comptoir/config";
import { type DatabaseHandle, migrationStatus, openDatabase } from "@comptoir/db";
import { createLogger, type Logger } from "@comptoir/logger";
import { CliError } from "./errors.ts";
import { ExitCode } from "./exit-codes.ts";
import type { Output } from "./output.ts";

/** What every command receives: validated configuration, a logger, the output contract. */
export interface CommandContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly output: Output;
  /** `comptoir db migrate`-style name, shown to another process that finds the database busy. */
  readonly commandName: string;
  /**
   * Opens the configured database for the duration of `fn`. The embedded database is migrated
   * on open; PostgreSQL must already be migrated (`comptoir db migrate`), which is checked.
   */
  withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T>;
  /** The key ring that encrypts credentials and signs links (generated on first embedded run). */
  keyRing(): Promise<KeyRing>;
  /** What account verbs need: the key ring, the OAuth app, the network. */
  accountServices(): Promise<ClientServices>;
  /** Resolves on Ctrl-C or SIGTERM, for commands that serve until stopped. */
  untilInterrupted(): Promise<NodeJS.Signals>;
}

export interface ContextOptions {
  readonly env?: Environment;
  readonly cwd?: string;
  readonly output: Output;
  readonly commandName: string;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function createContext(options: ContextOptions): CommandContext {
  const config = loadConfig(options.env, options.cwd);
  const logger = createLogger({
    level: config.log.level,
    format: config.log.format,
    destination: options.stderr,
    name: "comptoir",
  });
  let ring: Promise<KeyRing> | undefined;
  const keyRing = () => {
    ring ??= keyRingFromConfig(config);
    return ring;
  };
  return {
    config,
    logger,
    keyRing,
    async accountServices() {
      return { ring: await keyRing(), oauthApp: oauthAppFromConfig(config) };
    },
    output: options.output,
    commandName: options.commandName,
    async withDatabase(fn) {
      const handle = await openDatabase(config.database, { command: options.commandName });
      try {
        if (handle.kind === "pglite") {
          const report = await handle.migrate();
          if (report.applied.length > 0) {
            logger.info({ applied: report.applied }, "migrated the embedded database");
          }
        } else {
          const status = await migrationStatus(handle.db);
          if (status.pending.length > 0) {
            throw new CliError(
              `The database at ${handle.description} is missing ${status.pending.length} migration(s) (${status.pending.join(", ")}). Run \`comptoir db migrate\` first.`,
              ExitCode.Failure,
            );
          }
        }
        return await fn(handle);
      } finally {
        await handle.close();
      }
    },
    untilInterrupted() {
      return new Promise((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve(signal);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    },
  };
}
