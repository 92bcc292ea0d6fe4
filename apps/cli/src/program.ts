import { Command, CommanderError } from "@commander-js/extra-typings";
import type { Environment } from "@comptoir/config";
import packageJson from "../package.json" with { type: "json" };
import { registerAccountCommands } from "./commands/accounts.ts";
import { registerDbCommands } from "./commands/db.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerFeedCommands } from "./commands/feeds.ts";
import { registerInvoiceCommands } from "./commands/invoices.ts";
import { registerKeyCommands } from "./commands/keys.ts";
import { registerSecretCommands } from "./commands/secrets.ts";
import { registerServeCommand } from "./commands/serve.ts";
import { registerSimCommand } from "./commands/sim.ts";
import { registerSyncCommand } from "./commands/sync.ts";
import { registerWebhookCommands } from "./commands/webhooks.ts";
import { type CommandContext, createContext } from "./context.ts";
import { classifyError, ExitWithCode } from "./errors.ts";
import { EXIT_CODE_HELP, ExitCode } from "./exit-codes.ts";
import { createOutput, type OutputStreams } from "./output.ts";

/** Commands ask for their context when they run, so `--help` works even with a broken environment. */
export type ContextFactory = (commandName: string) => CommandContext;

export interface CliIo extends OutputStreams {
  readonly env?: Environment;
  readonly cwd?: string;
}

export function createProgram(io: CliIo) {
  const program = new Command()
    .name("comptoir")
    .description(
      "Comptoir: publish a Hiboutik POS catalog as marketplace feeds and turn POS sales into legal invoices.",
    )
    .version(packageJson.version, "-V, --version")
    .option("--json", "print results as JSON (the default when stdout is not a terminal)")
    .option("--no-json", "print results as text even when stdout is not a terminal")
    .option("-q, --quiet", "print only errors and JSON results")
    .showHelpAfterError("(run `comptoir --help` for usage)")
    .addHelpText(
      "after",
      `\nEnvironment:\n  DATABASE_URL           postgres://… for PostgreSQL; unset = embedded PGlite under the data directory\n  COMPTOIR_DATA_DIR      data directory (default ./.data)\n  COMPTOIR_SECRET_KEYS   key ring for encryption and signing (embedded mode generates one)\n  LOG_LEVEL, LOG_FORMAT  logging (info; auto|json|pretty)\n\n${EXIT_CODE_HELP}`,
    )
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();

  let cached: CommandContext | undefined;
  const context: ContextFactory = (commandName) => {
    if (cached) return cached;
    const globals = program.opts();
    const output = createOutput(io, { json: globals.json, quiet: globals.quiet });
    cached = createContext({
      env: io.env,
      cwd: io.cwd,
      output,
      commandName: `comptoir ${commandName}`,
      stderr: io.stderr,
    });
    return cached;
  };

  registerDemoCommand(program, context);
  registerServeCommand(program, context);
  registerSimCommand(program, context);
  registerAccountCommands(program, context);
  registerSyncCommand(program, context);
  registerFeedCommands(program, context);
  registerInvoiceCommands(program, context);
  registerWebhookCommands(program, context);
  registerKeyCommands(program, context);
  registerSecretCommands(program, context);
  registerDbCommands(program, context);
  return { program, context };
}

/** Runs the CLI to completion and returns the exit code (never calls process.exit). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { program } = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander's exitOverride; their text is already printed.
      if (error.exitCode === 0) return ExitCode.Ok;
      return ExitCode.Usage;
    }
    if (error instanceof ExitWithCode) return error.exitCode;
    const reported = classifyError(error);
    const globals = program.opts();
    createOutput(io, { json: globals.json }).error(reported);
    return reported.exitCode;
  }
}
