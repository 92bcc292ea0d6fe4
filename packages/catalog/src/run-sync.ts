import type { AccountClient } from "@comptoir/accounts";
import {
  type CallEstimate,
  HiboutikError,
  HiboutikNetworkError,
  HiboutikQuotaExhaustedError,
} from "@comptoir/api-client";
import { type DatabaseOrTransaction, queryRows, type Transaction } from "@comptoir/db";
import { sql } from "drizzle-orm";
import { countPendingDetails } from "./detail-pass.ts";
import { CatalogError } from "./errors.ts";
import { describeRefusal, quotaStatus } from "./quota.ts";
import { finishRun, startRun } from "./runs.ts";
import { SkippedRecords } from "./skipped.ts";
import { refreshMirrorStatistics } from "./statistics.ts";
import type { SyncCounts, SyncKind, SyncOptions, SyncProgress, SyncResult } from "./types.ts";

/** What a sync verb hands the runner: its kind, its estimate, and the work itself. */
export interface SyncJob {
  readonly kind: SyncKind;
  /** "A full sync": the subject of messages. */
  readonly title: string;
  readonly estimate: CallEstimate;
  run(tx: Transaction, context: SyncContext): Promise<void>;
}

/** Shared with the work: counters, skipped records, the clock, progress, budget re-checks. */
export interface SyncContext {
  readonly accountId: string;
  readonly now: Date;
  readonly counts: { -readonly [K in keyof SyncCounts]: SyncCounts[K] };
  /** Product details read so far (each one call). */
  readonly details: { read: number };
  readonly skipped: SkippedRecords;
  progress(progress: SyncProgress): void;
  /**
   * Refuses the run (QUOTA_EXCEEDED) when a better estimate, known only once the run started
   * (the first page tells the catalog size), no longer fits in the month, unless forced.
   */
  recheckBudget(estimate: CallEstimate): void;
  /** Calls this run has made so far. */
  callsUsed(): number;
  /** Calls left this month, after the ones this run has made so far. */
  callsLeft(): number;
}

/** Distinguishes this lock from other advisory locks of the database. */
const SYNC_LOCK_CLASS = 5_171_305;

/**
 * Runs a sync the same way for every kind: checks the month's budget (refused runs are recorded
 * too), records the run, does the work in ONE transaction under a per-account lock (a failure
 * leaves the mirror as it was), then records calls used, counts and outcome, and adds the calls
 * to the account's month.
 */
export async function runSync(
  db: DatabaseOrTransaction,
  accountClient: AccountClient,
  job: SyncJob,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const { account, client, usage } = accountClient;
  const now = options.now?.() ?? new Date();
  const forced = options.force === true;
  const scope = { includeHidden: options.detailsIncludeHidden === true };
  const before = await quotaStatus(db, account, now);
  const startedAt = new Date(now);
  const started = performance.now();

  if (job.estimate.calls > before.remaining && !forced) {
    const message = describeRefusal(account, job.title, job.estimate, before);
    const runId = await startRun(db, {
      accountId: account.id,
      kind: job.kind,
      estimatedCalls: job.estimate.calls,
      forced,
      startedAt,
    });
    const run = await finishRun(db, runId, {
      outcome: "refused",
      finishedAt: startedAt,
      callsUsed: 0,
      counts: zeroCounts(),
      details: { read: 0, pending: await countPendingDetails(db, account.id, scope) },
      skippedRecords: [],
      error: message,
    });
    throw new CatalogError("QUOTA_EXCEEDED", message, { run });
  }

  const runId = await startRun(db, {
    accountId: account.id,
    kind: job.kind,
    estimatedCalls: job.estimate.calls,
    forced,
    startedAt,
  });
  const callsBefore = client.meter.calls;
  const context: SyncContext = {
    accountId: account.id,
    now,
    counts: zeroCounts(),
    details: { read: 0 },
    skipped: new SkippedRecords(),
    progress: (progress) => options.onProgress?.(progress),
    recheckBudget(estimate) {
      if (forced || estimate.calls <= before.remaining) return;
      throw new CatalogError(
        "QUOTA_EXCEEDED",
        describeRefusal(account, job.title, estimate, before),
      );
    },
    callsUsed: () => client.meter.calls - callsBefore,
    callsLeft: () => Math.max(0, before.remaining - (client.meter.calls - callsBefore)),
  };

  let failure: CatalogError | undefined;
  try {
    await db.transaction(async (tx) => {
      await takeSyncLock(tx, account.id, account.name);
      await job.run(tx, context);
    });
  } catch (error) {
    failure = explain(error, job.title, account.name);
  }

  const callsUsed = client.meter.calls - callsBefore;
  const finishedAt = new Date(startedAt.getTime() + (performance.now() - started));
  // Spent calls count against the month whatever happened to the run.
  await usage.flush(db, now);
  context.counts.skipped = context.skipped.count;
  if (!failure) await refreshMirrorStatistics(db, context.counts);
  const details = {
    // Details read by a failed run were rolled back with the rest.
    read: failure ? 0 : context.details.read,
    pending: await countPendingDetails(db, account.id, scope),
  };
  const run = await finishRun(db, runId, {
    outcome: failure ? (failure.code === "QUOTA_EXCEEDED" ? "refused" : "failed") : "succeeded",
    finishedAt,
    callsUsed,
    counts: failure ? { ...zeroCounts(), skipped: context.skipped.count } : context.counts,
    details,
    skippedRecords: context.skipped.kept,
    error: failure?.message ?? null,
  });
  if (failure) throw failure.withRun(run);

  return {
    runId,
    account: account.name,
    kind: job.kind,
    outcome: "succeeded",
    forced,
    startedAt,
    finishedAt,
    durationMs: Math.round(performance.now() - started),
    estimatedCalls: job.estimate.calls,
    callsUsed,
    counts: { ...context.counts },
    details,
    skippedRecords: context.skipped.kept,
    quota: await quotaStatus(db, account, now),
  };
}

async function takeSyncLock(tx: Transaction, accountId: string, name: string): Promise<void> {
  const [row] = await queryRows<{ locked: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(${SYNC_LOCK_CLASS}, hashtext(${accountId})) as locked`,
  );
  if (row?.locked) return;
  throw new CatalogError(
    "SYNC_IN_PROGRESS",
    `Another sync of "${name}" is running. Wait for it to finish, then try again.`,
  );
}

function explain(error: unknown, title: string, name: string): CatalogError {
  if (error instanceof CatalogError) return error;
  const kept = "The mirror was left as it was before the run.";
  if (error instanceof HiboutikQuotaExhaustedError) {
    return new CatalogError(
      "HIBOUTIK_QUOTA_EXHAUSTED",
      `${title} of "${name}" stopped: Hiboutik refused further calls (429, ${error.endpoint}): the shop's API calls are used up or too many run at once. ${kept}`,
      { cause: error },
    );
  }
  if (error instanceof HiboutikNetworkError) {
    return new CatalogError(
      "HIBOUTIK_UNREACHABLE",
      `${title} of "${name}" stopped: ${error.message} ${kept}`,
      { cause: error },
    );
  }
  const reason =
    error instanceof HiboutikError
      ? error.message
      : `${error instanceof Error ? error.message : String(error)}`;
  return new CatalogError("SYNC_FAILED", `${title} of "${name}" failed: ${reason} ${kept}`, {
    cause: error,
  });
}

function zeroCounts() {
  return { added: 0, changed: 0, removed: 0, unchanged: 0, stockChanged: 0, skipped: 0 };
}
