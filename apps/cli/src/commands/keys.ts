import { type Command, Option } from "@commander-js/extra-typings";
import { issueAdminKey, listAdminKeys, revokeAdminKey } from "@comptoir/auth/admin-key-store";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import type { ContextFactory } from "../program.ts";

export function registerKeyCommands(program: Command, context: ContextFactory): void {
  const keys = program.command("keys").description("API keys for the admin API (/api/v1)");

  keys
    .command("create")
    .description("create a key; it is shown once and only its hash is stored")
    .argument("<name>", "what the key is for, e.g. ci or dashboard")
    .addOption(
      new Option("--scope <scope>", "read, or write (which includes read)")
        .choices(["read", "write"] as const)
        .default("read" as const),
    )
    .action(async (name, options) => {
      const ctx = context("keys create");
      const scopes = options.scope === "write" ? (["read", "write"] as const) : (["read"] as const);
      const { key, summary } = await ctx.withDatabase(({ db }) =>
        issueAdminKey(db, { name, scopes }),
      );
      ctx.output.result({ key, ...summary }, (k) =>
        [
          `Admin key "${k.name}" (${k.scopes.join(", ")}):`,
          "",
          `  ${k.key}`,
          "",
          "Store it now: it cannot be shown again.",
        ].join("\n"),
      );
    });

  keys
    .command("list")
    .description("keys with their scopes and last use")
    .action(async () => {
      const ctx = context("keys list");
      const list = await ctx.withDatabase(({ db }) => listAdminKeys(db));
      ctx.output.result(list, (rows) =>
        rows.length === 0
          ? "No admin keys. Create one with `comptoir keys create NAME`."
          : rows
              .map(
                (k) =>
                  `${k.prefix}  ${k.name}  ${k.scopes.join(",")}  last used: ${k.lastUsedAt?.toISOString() ?? "never"}${k.revokedAt ? "  REVOKED" : ""}`,
              )
              .join("\n"),
      );
    });

  keys
    .command("revoke")
    .description("revoke a key by its prefix (ck_…) or its name")
    .argument("<key>", "prefix or name")
    .action(async (which) => {
      const ctx = context("keys revoke");
      const revoked = await ctx.withDatabase(({ db }) => revokeAdminKey(db, which));
      if (revoked.length === 0)
        throw new CliError(`No live admin key matches "${which}".`, ExitCode.NotFound);
      ctx.output.result(
        { revoked },
        (r) => `Revoked ${r.revoked.map((k) => `${k.prefix} (${k.name})`).join(", ")}.`,
      );
    });
}
