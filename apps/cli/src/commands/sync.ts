import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { findAccount, openAccountClient } from "@comptoir/accounts";
import {
  DETAILS_PER_RUN,
  type DetailsRequest,
  defaultSync,
  detailsOf,
  estimateSync,
  parseDetailsRequest,
  type SyncOptions,
  type SyncRequest,
  type SyncResult,
  syncCatalog,
  syncProducts,
  syncStock,
} from "@comptoir/catalog";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import type { ContextFactory } from "../program.ts";
import { syncProgressBar } from "./sync-progress.ts";

/** `12,40,7` → [12, 40, 7]; anything else is a command-line error (exit 2). */
export function parseProductIds(value: string): number[] {
  const parts = value.split(",").map((part) => part.trim());
  const bad = parts.filter((part) => !/^\d+$/.test(part) || Number(part) < 1);
  if (parts.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(
      `expected product ids (whole numbers ≥ 1) separated by commas, e.g. 12,40,7; got ${JSON.stringify(bad.join(",") || value)}`,
    );
  }
  return parts.map(Number);
}

/** `200`, `all`, `none` or `auto` → a detail budget; anything else exits 2. */
export function parseDetails(value: string): DetailsRequest {
  const details = parseDetailsRequest(value);
  if (details === undefined) {
    throw new InvalidArgumentError(
      `expected a number of product details, all, none or auto; got ${JSON.stringify(value)}`,
    );
  }
  return details;
}

const TITLES: Record<SyncRequest["kind"], string> = {
  full: "Full sync",
  products: "Product sync",
  stock: "Stock sync",
};

const DEFAULT_HELP = `
Without --full, --products or --stock: a full sync when the account was never fully synced or its
last full sync is more than a day old, otherwise the stock only (one call). Hiboutik has no
"changed since" filter, so product changes (prices, archiving, new products) are found by reading
the product list: that is what a full sync does, rewriting only what changed.

The list carries no images, so the run then reads product details (one call each) for products
whose detail was never read or changed on the POS since: never read first, then the most
recently changed; archived and not-for-web products only with --details-include-hidden.
--details auto (the default after a full sync and for a sync without options; --stock alone
reads none) reads at most ${DETAILS_PER_RUN} a run, at most a quarter of the calls left this month,
and never leaves fewer than 20 % of the monthly quota; the rest are read by the next runs.

Cost in Hiboutik API calls (the shop has about 10,000 a month):
  --full      ceil(products / 250) + 8 + one per size type, plus the details read
  --products  one per product
  --stock     one, plus the details read
  --details   one per product detail (N, all, none or auto)
A run that would need more calls than the month has left is refused (exit code 7) before any
call, unless --force. Every run is recorded with the calls it used (\`comptoir accounts list\`).

Examples:
  comptoir sync boutique
  comptoir sync boutique --full --details all
  comptoir sync boutique --stock --details 200
  comptoir sync boutique --products 12,40,7`;

export function registerSyncCommand(program: Command, context: ContextFactory): void {
  program
    .command("sync")
    .description(
      "mirror an account's POS catalog (full, chosen products, or stock) within its monthly API quota",
    )
    .argument("<account>", "the account's name (`comptoir accounts list`)")
    .option("--full", "read the whole catalog: products, sizes, categories, brands, taxes, stock")
    .option(
      "--products <ids>",
      "re-read only these products (comma-separated ids)",
      parseProductIds,
    )
    .option("--stock", "refresh only the stock of every warehouse (one call)")
    .option(
      "--details <n|all|none|auto>",
      "product details (images, sizes) to read after the run, one call each (default auto)",
      parseDetails,
    )
    .option(
      "--details-include-hidden",
      "the details pass also reads archived products and products not on the web",
    )
    .option("--force", "run even if the estimate exceeds the calls left this month")
    .addHelpText("after", DEFAULT_HELP)
    .action(async (name, options, command) => {
      const ctx = context("sync");
      const asked = [options.full, options.products, options.stock].filter(Boolean).length;
      if (asked > 1) {
        throw new CliError("Give at most one of --full, --products and --stock.", ExitCode.Usage);
      }
      if (options.products && (options.details !== undefined || options.detailsIncludeHidden)) {
        throw new CliError(
          "--products reads those products' details already: --details does not apply.",
          ExitCode.Usage,
        );
      }
      // The global options are declared on the program, which this command's type does not know.
      const globals = command.optsWithGlobals() as { quiet?: boolean };
      const quiet = globals.quiet === true;
      const services = await ctx.accountServices();
      const result = await ctx.withDatabase(async ({ db }) => {
        const account = await findAccount(db, name);
        const chosen = options.full
          ? { request: { kind: "full" } as const, reason: "--full" }
          : options.products
            ? {
                request: { kind: "products", productIds: options.products } as const,
                reason: "--products",
              }
            : options.stock
              ? { request: { kind: "stock" } as const, reason: "--stock" }
              : await defaultSync(db, account.id);
        const { reason } = chosen;
        const request: SyncRequest =
          chosen.request.kind === "products"
            ? chosen.request
            : {
                ...chosen.request,
                ...(options.details !== undefined && { details: options.details }),
                detailsIncludeHidden: options.detailsIncludeHidden === true,
              };
        const plan = await estimateSync(db, account, request);
        const details =
          plan.details.planned > 0 || plan.details.pending > 0
            ? ` (${plan.details.planned} product detail(s) of ${plan.details.pending} due)`
            : "";
        ctx.output.note(
          `${TITLES[request.kind]} of "${account.name}" (${reason}): about ${plan.estimate.calls} API call(s)${details}; ${plan.quota.remaining} of ${plan.quota.monthlyQuota} left this month.`,
        );
        const client = await openAccountClient(db, services, account);
        const bar = syncProgressBar(
          process.stderr,
          !ctx.output.json && !quiet,
          request.kind === "full" ? "pages" : "products",
        );
        const syncOptions: SyncOptions = {
          force: options.force === true,
          onProgress: (progress) => bar.update(progress),
          ...(request.kind !== "products" && {
            details: detailsOf(request),
            detailsIncludeHidden: request.detailsIncludeHidden === true,
          }),
        };
        try {
          const done: SyncResult =
            request.kind === "full"
              ? await syncCatalog(db, client, syncOptions)
              : request.kind === "products"
                ? await syncProducts(db, client, request.productIds, syncOptions)
                : await syncStock(db, client, syncOptions);
          return { ...done, reason };
        } finally {
          bar.stop();
        }
      });
      if (result.quota.warning) ctx.logger.warn(result.quota.warning);
      ctx.output.result(result, describe);
    });
}

function describe(result: SyncResult & { reason: string }): string {
  const { counts, quota } = result;
  const lines = [
    `${TITLES[result.kind]} of "${result.account}" succeeded in ${(result.durationMs / 1000).toFixed(1)} s (${result.reason}${result.forced ? ", forced" : ""}).`,
    `  products: ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed, ${counts.unchanged} unchanged, ${counts.skipped} skipped`,
    `  stock cells changed: ${counts.stockChanged}`,
    `  product details: ${result.details.read} read, ${result.details.pending} still due`,
    `  API calls: ${result.callsUsed} used (estimated ${result.estimatedCalls}); ${quota.usedThisMonth} of ${quota.monthlyQuota} used this month`,
  ];
  for (const record of result.skippedRecords.slice(0, 10)) {
    const why = record.issues
      .map((issue) => `${issue.field} = ${JSON.stringify(issue.value)} (${issue.message})`)
      .join("; ");
    lines.push(`  skipped ${record.resource} ${record.recordId ?? "?"}: ${why}`);
  }
  if (counts.skipped > 10) lines.push(`  … and ${counts.skipped - 10} more skipped (see --json)`);
  return lines.join("\n");
}
