import type { Command } from "@commander-js/extra-typings";
import { migrationStatus, openDatabase } from "@comptoir/db";
import type { ContextFactory } from "../program.ts";

export function registerDbCommands(program: Command, context: ContextFactory): void {
  const db = program.command("db").description("database maintenance");

  db.command("migrate")
    .description("apply pending migrations (the embedded database also migrates on every start)")
    .action(async () => {
      const ctx = context("db migrate");
      const handle = await openDatabase(ctx.config.database, { command: ctx.commandName });
      try {
        const report = await handle.migrate();
        ctx.output.result({ database: handle.description, ...report }, (r) =>
          r.applied.length === 0
            ? `${r.database}: up to date (${r.total} migrations).`
            : `${r.database}: applied ${r.applied.join(", ")} (${r.total} migrations).`,
        );
      } finally {
        await handle.close();
      }
    });

  db.command("status")
    .description("show applied and pending migrations without changing anything")
    .action(async () => {
      const ctx = context("db status");
      const handle = await openDatabase(ctx.config.database, { command: ctx.commandName });
      try {
        const status = await migrationStatus(handle.db);
        ctx.output.result({ database: handle.description, ...status }, (s) =>
          s.pending.length === 0
            ? `${s.database}: up to date (${s.applied} migrations).`
            : `${s.database}: ${s.applied} applied, pending: ${s.pending.join(", ")}. Run \`comptoir db migrate\`.`,
        );
      } finally {
        await handle.close();
      }
    });
}
