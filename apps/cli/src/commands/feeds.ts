import { writeFile } from "node:fs/promises";
import { type Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { exclusionsCsv } from "@comptoir/feeds";
import {
  addFeed,
  auditFeedRun,
  type BasicAuthInput,
  FEED_CHANNELS,
  type FeedAuditReport,
  type FeedGenerationResult,
  type FeedOverview,
  feedPublicUrl,
  generateAllFeeds,
  generateFeedRun,
  listFeeds,
  type RunOutcome,
  removeFeed,
  resolveFeed,
  rollbackFeed,
  rotateFeedUrl,
  setFeed,
  settingsPatchFromAssignments,
  showFeed,
  worstOutcome,
} from "@comptoir/publishing";
import { openBlobStore } from "@comptoir/storage";
import cliProgress from "cli-progress";
import type { CommandContext } from "../context.ts";
import { CliError, ExitWithCode } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import type { ContextFactory } from "../program.ts";
import { confirmByTyping, readStdin } from "../prompt.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseKeep(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100)
    throw new InvalidArgumentError("expected a whole number from 1 to 100");
  return Number(value);
}

/** The exit code of a generation: the contract scripts and cron jobs branch on. */
export function exitCodeOf(
  outcome: RunOutcome,
  wouldRefuse = false,
  hasWarnings = false,
): ExitCode {
  switch (outcome) {
    case "published":
      return ExitCode.Ok;
    case "published-with-warnings":
      return ExitCode.PublishedWithWarnings;
    case "refused":
      return ExitCode.RefusedByGate;
    case "failed":
      return ExitCode.GenerationFailed;
    case "dry-run":
      // A dry run answers with what the gate would have done.
      return wouldRefuse
        ? ExitCode.RefusedByGate
        : hasWarnings
          ? ExitCode.PublishedWithWarnings
          : ExitCode.Ok;
  }
}

/** The base of public URLs: COMPTOIR_PUBLIC_URL, else the local listen address. */
function publicBase(ctx: CommandContext): string {
  return ctx.config.publicUrl ?? `http://127.0.0.1:${ctx.config.port ?? 3000}`;
}

async function basicAuthOption(options: {
  authUser?: string;
  authPassword?: string;
}): Promise<BasicAuthInput | undefined> {
  if (options.authUser === undefined && options.authPassword === undefined) return undefined;
  if (!options.authUser || !options.authPassword)
    throw new CliError("Basic auth needs both --auth-user and --auth-password.", ExitCode.Usage);
  const password = options.authPassword === "-" ? await readStdin() : options.authPassword;
  return { user: options.authUser, password };
}

export function registerFeedCommands(program: Command, context: ContextFactory): void {
  const feeds = program
    .command("feeds")
    .description("marketplace feeds: channel profiles, generation, the publish gate, public URLs");

  feeds
    .command("add")
    .description("create a feed for an account; settings are validated before anything is saved")
    .argument("<account>", "the account's name")
    .addOption(
      new Option("--channel <channel>", "the marketplace")
        .choices(FEED_CHANNELS)
        .makeOptionMandatory(),
    )
    .option(
      "--format <format>",
      "xml or tsv (google), csv or xml (meta); default the channel's first",
    )
    .option(
      "--link-template <template>",
      "product page URL, e.g. https://shop.example/p/{ref}?size={size}",
    )
    .option("--name <name>", "the feed's name, unique per account (default: the channel)")
    .option("--set <key=value>", "any feed setting, by dotted path (repeatable)", collect)
    .option("--auth-user <user>", "require HTTP Basic auth from fetchers: the user")
    .option("--auth-password <password>", 'its password ("-" reads it from stdin)')
    .option("--keep <n>", "published generations kept for rollback and diff (default 5)", parseKeep)
    .addHelpText(
      "after",
      "\nExamples:\n  comptoir feeds add boutique --channel google --link-template 'https://shop.example/p/{ref}?size={size}'\n  comptoir feeds add boutique --channel google-local --link-template 'https://shop.example/p/{ref}' \\\n    --set 'localInventory.stores=[{\"storeId\":1,\"storeCode\":\"LYON-1\"}]'\n  comptoir feeds add boutique --channel meta --set filters.inStockOnly=true --set categoryMapping.12=1604",
    )
    .action(async (account, options) => {
      const ctx = context("feeds add");
      const settings = settingsPatchFromAssignments(options.set ?? []);
      const basicAuth = await basicAuthOption(options);
      const ring = await ctx.keyRing();
      const feed = await ctx.withDatabase(({ db }) =>
        addFeed(db, {
          account,
          channel: options.channel,
          ...(options.format === undefined ? {} : { format: options.format }),
          ...(options.name === undefined ? {} : { name: options.name }),
          ...(options.linkTemplate === undefined ? {} : { linkTemplate: options.linkTemplate }),
          ...(options.keep === undefined ? {} : { keepGenerations: options.keep }),
          ...(basicAuth ? { basicAuth } : {}),
          settings,
        }),
      );
      const url = feedPublicUrl(publicBase(ctx), ring, { ...feed, urlTokenVersion: 1 });
      ctx.output.result({ ...feed, url }, (f) =>
        [
          `Feed "${f.account}/${f.name}" added (${f.profile}).`,
          `Generate it with \`comptoir feeds generate ${f.account}/${f.name}\`; it will be served at ${url}`,
        ].join("\n"),
      );
    });

  feeds
    .command("list")
    .description("feeds with their status: live generation and last run")
    .option("--account <name>", "only this account's feeds")
    .action(async (options) => {
      const ctx = context("feeds list");
      const list = await ctx.withDatabase(({ db }) =>
        listFeeds(db, options.account === undefined ? {} : { account: options.account }),
      );
      ctx.output.result(list, (rows) =>
        rows.length === 0
          ? "No feeds yet. Add one with `comptoir feeds add`."
          : rows.map(overviewLine).join("\n"),
      );
    });

  feeds
    .command("show")
    .description("one feed: settings, kept generations, last run")
    .argument("<feed>", "ACCOUNT/NAME, a name, or the feed id")
    .action(async (ref) => {
      const ctx = context("feeds show");
      const details = await ctx.withDatabase(({ db }) => showFeed(db, ref));
      ctx.output.result(details, (d) =>
        [
          overviewLine(d),
          ...(d.lastRun?.reasons ?? []).map((r) => `  ${r.severity}: ${r.message}`),
          "generations:",
          ...(d.generations.length === 0
            ? ["  (none)"]
            : d.generations.map(
                (g) =>
                  `  ${g.live ? "*" : " "} ${g.id}  ${g.createdAt.toISOString()}  ${g.items} items  ${g.storedBytes} bytes  sha256 ${g.sha256.slice(0, 12)}`,
              )),
          "settings:",
          JSON.stringify(d.settings, null, 2),
        ].join("\n"),
      );
    });

  feeds
    .command("set")
    .description("change a feed's settings (validated again before anything is saved)")
    .argument("<feed>", "ACCOUNT/NAME, a name, or the feed id")
    .option("--link-template <template>", "product page URL template")
    .option("--name <name>", "rename the feed")
    .option("--set <key=value>", "any feed setting, by dotted path (repeatable)", collect)
    .option("--auth-user <user>", "require HTTP Basic auth: the user")
    .option("--auth-password <password>", 'its password ("-" reads it from stdin)')
    .option("--no-auth", "stop requiring Basic auth")
    .option("--keep <n>", "published generations kept", parseKeep)
    .action(async (ref, options) => {
      const ctx = context("feeds set");
      const settings = settingsPatchFromAssignments(options.set ?? []);
      const basicAuth = options.auth === false ? null : await basicAuthOption(options);
      const feed = await ctx.withDatabase(({ db }) =>
        setFeed(db, ref, {
          settings,
          ...(options.linkTemplate === undefined ? {} : { linkTemplate: options.linkTemplate }),
          ...(options.name === undefined ? {} : { name: options.name }),
          ...(options.keep === undefined ? {} : { keepGenerations: options.keep }),
          ...(basicAuth === undefined ? {} : { basicAuth }),
        }),
      );
      ctx.output.result(feed, (f) => `Feed "${f.account}/${f.name}" updated.`);
    });

  feeds
    .command("remove")
    .description("remove a feed, its runs, its generations and their files")
    .argument("<feed>", "ACCOUNT/NAME, a name, or the feed id")
    .option("-y, --yes", "do not ask for confirmation")
    .action(async (ref, options) => {
      const ctx = context("feeds remove");
      if (!options.yes)
        await confirmByTyping(
          `This removes feed "${ref}" and its published files; its URL stops working.`,
          ref,
        );
      const store = openBlobStore(ctx.config);
      const removed = await ctx.withDatabase(({ db }) => removeFeed(db, store, ref));
      ctx.output.result(
        { removed },
        () =>
          `Feed "${removed.account}/${removed.name}" removed (${removed.blobsDeleted} file(s) deleted).`,
      );
    });

  feeds
    .command("url")
    .description("the public URL of a feed (COMPTOIR_PUBLIC_URL, default the local listen address)")
    .argument("<feed>", "ACCOUNT/NAME, a name, or the feed id")
    .option("--gz", "the .gz file name (the same feed, gzip-compressed)")
    .action(async (ref, options) => {
      const ctx = context("feeds url");
      const ring = await ctx.keyRing();
      const feed = await ctx.withDatabase(({ db }) => resolveFeed(db, ref));
      const url = feedPublicUrl(publicBase(ctx), ring, feed, { gzipFile: options.gz === true });
      ctx.output.result({ feedId: feed.id, name: feed.name, url }, (r) => r.url);
    });

  feeds
    .command("generate")
    .description(
      "generate feeds and publish them if the publish gate passes; the exit code tells the outcome",
    )
    .argument("[feed]", "ACCOUNT/NAME, a name, or the feed id")
    .option("--all", "every feed (of --account, or of every account)")
    .option("--account <name>", "with --all: only this account's feeds")
    .option("--out <file>", "also write the file here (.gz: compressed)")
    .option("--dry-run", "generate and validate, write nothing (the run is recorded as dry-run)")
    .option("--wait", "queue behind a generation of the same feed in another process")
    .addHelpText(
      "after",
      `\nExit codes: 0 published, ${ExitCode.PublishedWithWarnings} published with warnings, ${ExitCode.RefusedByGate} refused by the publish gate (the live file stays), ${ExitCode.GenerationFailed} failed (the live file stays), ${ExitCode.FeedBusy} another process is generating it.\nWith --all, the worst outcome; with --dry-run, what the gate would have decided.`,
    )
    .action(async (ref, options) => {
      const ctx = context("feeds generate");
      if ((ref === undefined) === (options.all !== true))
        throw new CliError("Name one feed, or pass --all.", ExitCode.Usage);
      if (options.all && options.out)
        throw new CliError(
          "--out writes one file: name one feed instead of --all.",
          ExitCode.Usage,
        );
      const store = openBlobStore(ctx.config);
      const ring = await ctx.keyRing();
      const progress = progressBar(ctx, process.stderr);
      const common = {
        dryRun: options.dryRun === true,
        wait: options.wait === true,
        onProgress: progress.update,
        ...(options.out === undefined ? {} : { out: options.out }),
      };
      const { results, urls } = await ctx.withDatabase(async ({ db }) => {
        try {
          const results =
            ref === undefined
              ? await generateAllFeeds(
                  db,
                  { store },
                  {
                    ...common,
                    ...(options.account === undefined ? {} : { account: options.account }),
                  },
                )
              : [await generateFeedRun(db, { store }, ref, common)];
          const urls: Record<string, string> = {};
          for (const result of results) {
            urls[result.feedId] = feedPublicUrl(
              publicBase(ctx),
              ring,
              await resolveFeed(db, result.feedId),
            );
          }
          return { results, urls };
        } finally {
          progress.stop();
        }
      });
      const withUrls = results.map((r) => ({ ...r, url: urls[r.feedId] ?? null }));
      ctx.output.result(ref === undefined ? withUrls : withUrls[0], () =>
        withUrls.map((r) => generationLines(r, r.url)).join("\n"),
      );
      const code =
        results.length === 0
          ? ExitCode.Ok
          : results.every((r) => r.outcome === "dry-run")
            ? (Math.max(...results.map((r) => dryRunCode(r))) as ExitCode)
            : exitCodeOf(worstOutcome(results.map((r) => r.outcome)));
      if (code !== ExitCode.Ok) throw new ExitWithCode(code);
    });

  feeds
    .command("audit")
    .description(
      "per-rule counts, fill rates, excluded items with reasons, and the diff against the live file (writes nothing)",
    )
    .argument("<feed>", "ACCOUNT/NAME, a name, or the feed id")
    .option(
      "--csv <file>",
      "write the excluded items with their reasons as CSV (safe for spreadsheets)",
    )
    .action(async (ref, options) => {
      const ctx = context("feeds audit");
      const report = await ctx.withDatabase(({ db }) => auditFeedRun(db, ref));
      if (options.csv) await writeFile(options.csv, exclusionsCsv(report.excluded));
      ctx.output.result(report, auditText);
    });

  feeds
    .command("rollback")
    .description("serve the kept generation published before the live one")
    .argument("<feed>", "ACCOUNT/NAME, a name, or the feed id")
    .action(async (ref) => {
      const ctx = context("feeds rollback");
      const result = await ctx.withDatabase(({ db }) => rollbackFeed(db, ref));
      ctx.output.result(
        result,
        (r) =>
          `Feed "${r.feed}" now serves generation ${r.to} (${r.items} items) instead of ${r.from}.`,
      );
    });

  feeds
    .command("rotate-url")
    .description("give the feed a new public URL; the old one stops working at once")
    .argument("<feed>", "ACCOUNT/NAME, a name, or the feed id")
    .action(async (ref) => {
      const ctx = context("feeds rotate-url");
      const ring = await ctx.keyRing();
      const { url, feed } = await ctx.withDatabase(async ({ db }) => {
        const rotated = await rotateFeedUrl(db, ref);
        const feed = await resolveFeed(db, rotated.feedId);
        return { feed, url: feedPublicUrl(publicBase(ctx), ring, feed) };
      });
      ctx.output.result(
        { feedId: feed.id, name: feed.name, urlTokenVersion: feed.urlTokenVersion, url },
        (r) => `Feed "${r.name}" has a new URL (the old one now answers 404): ${r.url}`,
      );
    });
}

function dryRunCode(result: FeedGenerationResult): ExitCode {
  return exitCodeOf(
    "dry-run",
    result.reasons.some((r) => r.severity === "refuse"),
    result.reasons.length > 0,
  );
}

function overviewLine(f: FeedOverview): string {
  const live = f.live
    ? `live: ${f.live.items} items since ${f.live.since.toISOString()}`
    : "not published";
  const last = f.lastRun
    ? `last run: ${f.lastRun.outcome} ${f.lastRun.startedAt.toISOString()}${f.lastRun.error ? ` (${f.lastRun.error})` : ""}`
    : "never generated";
  return `${f.account}/${f.name}  ${f.profile}  ${f.file}  ${live}  ${last}${f.basicAuthUser ? "  basic auth" : ""}`;
}

function generationLines(r: FeedGenerationResult, url: string | null): string {
  const what =
    r.outcome === "failed"
      ? `failed: ${r.error}; the live file stays`
      : `${r.outcome}: ${r.items} items, ${r.itemsExcluded} excluded, ${r.storedBytes} bytes in ${(r.durationMs / 1000).toFixed(1)} s`;
  const live =
    r.outcome === "refused"
      ? r.liveGenerationId
        ? "; the live file stays"
        : "; nothing is published yet"
      : "";
  return [
    `${r.account}/${r.feed}  ${what}${live}`,
    ...r.reasons.map((reason) => `  ${reason.severity}: ${reason.message}`),
    ...(url && r.outcome !== "dry-run" && r.liveGenerationId ? [`  ${url}`] : []),
  ].join("\n");
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

function auditText(r: FeedAuditReport): string {
  const c = r.summary.counts;
  const lines = [
    `${r.account}/${r.feed} (${r.profile}): ${c.items} items written, ${c.itemsExcluded} excluded, ${c.itemsFiltered + c.productsFiltered} filtered, error rate ${percent(r.summary.errorRate)}`,
    `publish gate now: ${r.gate.decision}`,
    ...r.gate.reasons.map((reason) => `  ${reason.severity}: ${reason.message}`),
    "rules:",
    ...(r.summary.rules.length === 0
      ? ["  (no findings)"]
      : r.summary.rules.map(
          (rule) =>
            `  ${rule.code}  ${String(rule.errors).padStart(6)} errors ${String(rule.warnings).padStart(6)} warnings  ${rule.title}${rule.examples[0] ? ` — e.g. ${rule.examples[0].itemId ?? ""} ${rule.examples[0].message}` : ""}`,
        )),
    "fill rates:",
    ...r.summary.fillRates.map((f) => `  ${f.attribute.padEnd(28)} ${percent(f.rate).padStart(8)}`),
    `excluded (${r.excluded.length + r.excludedNotListed}):`,
    ...r.excluded
      .slice(0, 20)
      .map((e) =>
        e.kind === "filtered"
          ? `  product ${e.productId}${e.itemId ? ` item ${e.itemId}` : ""}: filtered (${e.reason})`
          : `  ${e.itemId}${e.storeCode ? ` @${e.storeCode}` : ""}: ${e.errors.map((f) => `${f.code} ${f.message}`).join("; ")}`,
      ),
    ...(r.excluded.length > 20
      ? [`  … ${r.excluded.length - 20 + r.excludedNotListed} more (--csv FILE lists them)`]
      : []),
  ];
  if (r.diff) {
    lines.push(
      `against the live file: items ${r.diff.items.before} → ${r.diff.items.after} (${r.diff.items.change >= 0 ? "+" : ""}${r.diff.items.change}), error rate ${percent(r.diff.errorRate.before)} → ${percent(r.diff.errorRate.after)}`,
      ...r.diff.rules.map(
        (rule) =>
          `  ${rule.code}: errors ${rule.errorsBefore} → ${rule.errorsAfter}, warnings ${rule.warningsBefore} → ${rule.warningsAfter}`,
      ),
      ...r.diff.fillRates.map(
        (f) => `  ${f.attribute}: ${percent(f.before)} → ${percent(f.after)}`,
      ),
    );
  } else {
    lines.push("not published yet: no diff");
  }
  return lines.join("\n");
}

/** Products read / total, on stderr, only on a terminal and never in JSON or quiet mode. */
function progressBar(ctx: CommandContext, stream: NodeJS.WriteStream) {
  if (ctx.output.json || !stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "generating |{bar}| {value}/{total} products · {duration_formatted}",
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let lastTotal = 0;
  return {
    update(done: number, total: number) {
      if (!started || total !== lastTotal) {
        if (started) bar.stop();
        bar.start(Math.max(total, 1), done);
        started = true;
        lastTotal = total;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
