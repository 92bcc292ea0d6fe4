import { type Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { oauthAppFromConfig } from "@comptoir/accounts";
import { startService } from "@comptoir/server";
import { openBlobStore } from "@comptoir/storage";
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
      "run the service until Ctrl-C: HTTP (feed and invoice URLs, webhooks, admin API, health) and jobs",
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
      const port = options.port ?? ctx.config.port ?? 3000;
      // Hiboutik sends shops back to the public address; without one, the local one (if known).
      const publicUrl =
        ctx.config.publicUrl ?? (port === 0 ? undefined : `http://${options.host}:${port}`);
      const accountServices = {
        ...(await ctx.accountServices()),
        oauthApp: oauthAppFromConfig(ctx.config, publicUrl),
      };
      await ctx.withDatabase(async (handle) => {
        if (handle.kind === "pglite" && options.role !== "all") {
          ctx.logger.warn(
            { role: options.role },
            "the embedded database allows one process: with --role web no jobs run, with --role worker nothing is served; use --role all, or PostgreSQL to split roles",
          );
        }
        // Other `comptoir` commands keep working meanwhile, through this process.
        const shared = await handle.share?.();
        const service = await startService({
          role: options.role,
          db: handle.db,
          logger: ctx.logger,
          config: ctx.config,
          accountServices,
          blobs: openBlobStore(ctx.config),
          port,
          hostname: options.host,
        });
        ctx.output.result(
          {
            url: service.url ?? null,
            role: options.role,
            database: handle.description,
            jobs: options.role === "web" ? "enqueue only" : "running",
            shared: shared ? shared.directory : null,
          },
          (r) =>
            [
              r.url
                ? `Comptoir is serving on ${r.url} (${r.database}).`
                : `Comptoir is running jobs (${r.database}).`,
              ...(r.url ? [`  health: ${r.url}/healthz`] : []),
              `  jobs: ${r.jobs}`,
              "Press Ctrl-C to stop.",
            ].join("\n"),
        );
        const signal = await ctx.untilInterrupted();
        ctx.logger.info({ signal }, "shutting down: finishing in-flight requests and jobs");
        await service.stop();
      });
    });
}
