import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { addAccount, listAccounts, removeAccount } from "@comptoir/accounts";
import { pruneOrphanedFeedBlobs } from "@comptoir/publishing";
import { openBlobStore } from "@comptoir/storage";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import type { ContextFactory } from "../program.ts";
import { confirmByTyping, readStdin } from "../prompt.ts";

function parsePositiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError("expected a whole number ≥ 1");
  return Number(value);
}

export function registerAccountCommands(program: Command, context: ContextFactory): void {
  const accounts = program.command("accounts").description("the Hiboutik shops Comptoir works for");

  accounts
    .command("add")
    .description(
      "register a shop; an API key is checked with one call to Hiboutik before anything is saved",
    )
    .argument("<name>", "your name for the account (lowercase letters, digits, - and _)")
    .requiredOption(
      "--hiboutik-account <sub>",
      "the Hiboutik subdomain: SUB in https://SUB.hiboutik.com",
    )
    .option("--user <email>", "the Hiboutik user's login email (API key authentication)")
    .option(
      "--api-key <key>",
      'the user\'s API key (Hiboutik: Settings → API); "-" reads it from stdin',
    )
    .option(
      "--oauth",
      "connect through the Hiboutik OAuth app instead (the shop approves it in a browser)",
    )
    .option(
      "--api-url <url>",
      "API base URL override (a proxy, the simulator); default https://SUB.hiboutik.com/api",
    )
    .option(
      "--quota <calls>",
      "API calls Hiboutik allows the shop per month (default 10000)",
      parsePositiveInteger,
    )
    .addHelpText(
      "after",
      "\nExamples:\n  comptoir accounts add boutique --hiboutik-account maboutique --user owner@example.com --api-key -\n  comptoir accounts add boutique --hiboutik-account maboutique --oauth",
    )
    .action(async (name, options) => {
      const ctx = context("accounts add");
      const basic = options.user !== undefined || options.apiKey !== undefined;
      if (basic === (options.oauth === true)) {
        throw new CliError("Give either --user and --api-key, or --oauth.", ExitCode.Usage);
      }
      if (basic && (!options.user || !options.apiKey)) {
        throw new CliError(
          "API key authentication needs both --user and --api-key.",
          ExitCode.Usage,
        );
      }
      const apiKey = options.apiKey === "-" ? await readStdin() : options.apiKey;
      const services = await ctx.accountServices();
      const summary = await ctx.withDatabase(({ db }) =>
        addAccount(db, services, {
          name,
          hiboutikAccount: options.hiboutikAccount,
          apiUrl: options.apiUrl,
          monthlyCallQuota: options.quota,
          credentials:
            basic && options.user && apiKey
              ? { kind: "basic", user: options.user, apiKey }
              : { kind: "oauth" },
        }),
      );
      ctx.output.result(summary, (a) =>
        a.status === "pending"
          ? `Account "${a.name}" added; it waits for the shop's consent: with \`comptoir serve\` running, open ${ctx.config.publicUrl ?? "http://127.0.0.1:3000"}/oauth/hiboutik/start?account=${a.name}`
          : `Account "${a.name}" added (${a.hiboutikAccount}.hiboutik.com, credentials checked).`,
      );
    });

  accounts
    .command("list")
    .description("accounts with their status, last sync and API calls used this month")
    .action(async () => {
      const ctx = context("accounts list");
      const list = await ctx.withDatabase(({ db }) => listAccounts(db));
      ctx.output.result(list, (rows) =>
        rows.length === 0
          ? "No accounts yet. Add one with `comptoir accounts add`."
          : rows
              .map(
                (a) =>
                  `${a.name}  ${a.hiboutikAccount}  ${a.authKind}  ${a.status}${a.statusReason ? ` (${a.statusReason})` : ""}  ` +
                  `calls this month: ${a.callsThisMonth}/${a.monthlyCallQuota}  last sync: ${
                    a.lastSync
                      ? `${a.lastSync.at.toISOString()} ${a.lastSync.kind} ${a.lastSync.outcome}`
                      : "never"
                  }`,
              )
              .join("\n"),
      );
    });

  accounts
    .command("remove")
    .description(
      "remove an account and everything derived from it (catalog mirror, feeds, invoices)",
    )
    .argument("<name>")
    .option("-y, --yes", "do not ask for confirmation")
    .action(async (name, options) => {
      const ctx = context("accounts remove");
      if (!options.yes) {
        await confirmByTyping(
          `This removes account "${name}" and everything derived from it.`,
          name,
        );
      }
      const { removed, feedFilesDeleted } = await ctx.withDatabase(async ({ db }) => {
        const removed = await removeAccount(db, name);
        // The rows cascade; the published feed files live in blob storage and go now too.
        const feedFilesDeleted = await pruneOrphanedFeedBlobs(db, openBlobStore(ctx.config));
        return { removed, feedFilesDeleted };
      });
      ctx.output.result(
        { removed, feedFilesDeleted },
        () =>
          `Account "${removed.name}" removed${feedFilesDeleted > 0 ? ` (${feedFilesDeleted} feed file(s) deleted)` : ""}.`,
      );
    });
}
