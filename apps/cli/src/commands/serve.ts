import { type Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { oauthAppFromConfig } from "@comptoir/accounts";
import { createApp, startServer } from "@comptoir/server";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import type { ContextFactory } from "../program.ts";

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError("expected a port number between 0 and 65535");
  }
  return port;
}

export function registerServeCommand(program: Command, context: ContextFactory): void {
  program
    .command("serve")
    .description(
      "run the HTTP service until Ctrl-C (public feed and invoice URLs, admin API, health)",
    )
    .option("--port <n>", "port to listen on (default: PORT or 3000; 0 = any free port)", parsePort)
    .option("--host <address>", "address to listen on (0.0.0.0 for all interfaces)", "127.0.0.1")
    .addOption(
      new Option("--role <role>", "web serves HTTP, worker runs jobs, all does both")
        .choices(["web", "worker", "all"] as const)
        .default("all" as const),
    )
    .action(async (options) => {
      const ctx = context("serve");
      if (options.role === "worker") {
        throw new CliError(
          "The worker role runs background jobs, which are not built yet (issue #7). Use --role web or all.",
          ExitCode.Usage,
        );
      }
      const port = options.port ?? ctx.config.port ?? 3000;
      // Hiboutik sends shops back to the public address; without one, the local one (if known).
      const publicUrl =
        ctx.config.publicUrl ?? (port === 0 ? undefined : `http://${options.host}:${port}`);
      const accountServices = {
        ...(await ctx.accountServices()),
        oauthApp: oauthAppFromConfig(ctx.config, publicUrl),
      };
      await ctx.withDatabase(async (handle) => {
        const app = createApp({
          db: handle.db,
          logger: ctx.logger,
          config: ctx.config,
          accountServices,
        });
        const server = await startServer(app, { port, hostname: options.host });
        ctx.output.result(
          { url: server.url, role: options.role, database: handle.description },
          (r) =>
            [
              `Comptoir is serving on ${r.url} (${r.database}).`,
              `  health: ${r.url}/healthz`,
              "Press Ctrl-C to stop.",
            ].join("\n"),
        );
        const signal = await ctx.untilInterrupted();
        ctx.logger.info({ signal }, "shutting down: finishing in-flight requests");
        await server.close();
      });
    });
}
