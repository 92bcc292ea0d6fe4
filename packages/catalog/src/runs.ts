import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { eq } from "drizzle-orm";
import type { DetailCounts, SkippedRecord, SyncCounts, SyncKind, SyncRunSummary } from "./types.ts";

const SUMMARY = {
  id: schema.syncRuns.id,
  kind: schema.syncRuns.kind,
  outcome: schema.syncRuns.outcome,
  forced: schema.syncRuns.forced,
  startedAt: schema.syncRuns.startedAt,
  finishedAt: schema.syncRuns.finishedAt,
  estimatedCalls: schema.syncRuns.estimatedCalls,
  callsUsed: schema.syncRuns.callsUsed,
  detailsRead: schema.syncRuns.detailsRead,
  detailsPending: schema.syncRuns.detailsPending,
  error: schema.syncRuns.error,
};

export interface RunStart {
  readonly accountId: string;
  readonly kind: SyncKind;
  readonly estimatedCalls: number;
  readonly forced: boolean;
  readonly startedAt: Date;
}

export interface RunEnd {
  readonly outcome: "succeeded" | "failed" | "refused";
  readonly finishedAt: Date;
  readonly callsUsed: number;
  readonly counts: SyncCounts;
  readonly details: DetailCounts;
  readonly skippedRecords: readonly SkippedRecord[];
  readonly error: string | null;
}

/** Recorded before the run's transaction opens, so the attempt is known even if it fails. */
export async function startRun(db: DatabaseOrTransaction, start: RunStart): Promise<string> {
  const [row] = await db
    .insert(schema.syncRuns)
    .values({ ...start, outcome: "running" })
    .returning({ id: schema.syncRuns.id });
  if (!row) throw new Error("the sync run was not recorded");
  return row.id;
}

/** Written after the transaction ended, whatever its outcome. */
export async function finishRun(
  db: DatabaseOrTransaction,
  runId: string,
  end: RunEnd,
): Promise<SyncRunSummary> {
  const [row] = await db
    .update(schema.syncRuns)
    .set({
      outcome: end.outcome,
      finishedAt: end.finishedAt,
      callsUsed: end.callsUsed,
      ...end.counts,
      detailsRead: end.details.read,
      detailsPending: end.details.pending,
      skippedRecords: end.skippedRecords,
      error: end.error,
    })
    .where(eq(schema.syncRuns.id, runId))
    .returning(SUMMARY);
  if (!row) throw new Error(`sync run ${runId} disappeared`);
  return row;
}
