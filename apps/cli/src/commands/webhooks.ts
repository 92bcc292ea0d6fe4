import type { Command } from "@commander-js/extra-typings";
import {
  registerWebhooks,
  rotateWebhookSecret,
  WEBHOOK_EVENTS,
  webhookSecret,
  webhookUrl,
} from "@comptoir/accounts";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import type { ContextFactory } from "../program.ts";

function publicUrlOf(option: string | undefined, configured: string | undefined): string {
  const url = option ?? configured;
  if (!url) {
    throw new CliError(
      "Hiboutik needs an address it can reach: set COMPTOIR_PUBLIC_URL (e.g. https://feeds.example.com) or pass --public-url.",
      ExitCode.Config,
    );
  }
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    throw new CliError(
      `--public-url must be an absolute http(s) URL; got "${url}".`,
      ExitCode.Usage,
    );
  }
  return url;
}

export function registerWebhookCommands(program: Command, context: ContextFactory): void {
  const webhooks = program
    .command("webhooks")
    .description("Hiboutik webhooks: POS changes reach Comptoir without waiting for a sync");

  webhooks
    .command("url")
    .description("the account's webhook URL (it carries the account's secret: keep it private)")
    .argument("<account>", "account name")
    .option("--public-url <url>", "the address Hiboutik reaches (default: COMPTOIR_PUBLIC_URL)")
    .option("--rotate", "replace the secret: the old URL stops working (register again)")
    .action(async (name, options) => {
      const ctx = context("webhooks url");
      const base = publicUrlOf(options.publicUrl, ctx.config.publicUrl);
      const ring = await ctx.keyRing();
      const { secret } = await ctx.withDatabase(({ db }) =>
        options.rotate ? rotateWebhookSecret(db, ring, name) : webhookSecret(db, ring, name),
      );
      const url = webhookUrl(base, secret);
      ctx.output.result({ account: name, url, rotated: options.rotate === true }, (r) =>
        [
          `Webhook URL of "${r.account}"${r.rotated ? " (new secret)" : ""}:`,
          "",
          `  ${r.url}`,
          "",
          `Register it for the events ${WEBHOOK_EVENTS.join(", ")} with \`comptoir webhooks register ${r.account}\`.`,
        ].join("\n"),
      );
    });

  webhooks
    .command("register")
    .description(`register the account's webhooks with Hiboutik (${WEBHOOK_EVENTS.join(", ")})`)
    .argument("<account>", "account name")
    .option("--public-url <url>", "the address Hiboutik reaches (default: COMPTOIR_PUBLIC_URL)")
    .action(async (name, options) => {
      const ctx = context("webhooks register");
      const base = publicUrlOf(options.publicUrl, ctx.config.publicUrl);
      const services = await ctx.accountServices();
      const result = await ctx.withDatabase(({ db }) => registerWebhooks(db, services, name, base));
      ctx.output.result({ account: name, ...result }, (r) =>
        [
          `Registered ${r.registered.length} webhooks for "${r.account}" with Hiboutik` +
            (r.replaced > 0 ? ` (replacing ${r.replaced} earlier ones).` : "."),
          ...r.registered.map((hook) => `  ${hook.event}: webhook ${hook.webhookId}`),
        ].join("\n"),
      );
    });
}
