import type { SyncRun } from "@comptoir/db/schema";
import type { DetailsRequest } from "./details-budget.ts";

export type SyncKind = "full" | "products" | "stock";

/** Products compared with the mirror by content hash, and stock cells written. */
export interface SyncCounts {
  readonly added: number;
  readonly changed: number;
  /** Disappeared from the POS (full sync), or answered 404 (product re-read): marked, kept. */
  readonly removed: number;
  readonly unchanged: number;
  /** Stock cells (product × size × warehouse) that were new or different. */
  readonly stockChanged: number;
  /** Records left out because they failed validation (reasons in `skippedRecords`). */
  readonly skipped: number;
}

/** A record left out of a sync, and why: each issue names the wire field and its value. */
export interface SkippedRecord {
  readonly resource: string;
  readonly recordId: string | number | null;
  readonly issues: readonly {
    readonly field: string;
    readonly value: unknown;
    readonly message: string;
  }[];
}

/** The account's month, as the run leaves it. */
export interface QuotaStatus {
  readonly monthlyQuota: number;
  readonly usedThisMonth: number;
  readonly remaining: number;
  /** Set when the account has used more than 80 % of its month. */
  readonly warning: string | null;
}

export type SyncRunSummary = Pick<
  SyncRun,
  | "id"
  | "kind"
  | "outcome"
  | "forced"
  | "startedAt"
  | "finishedAt"
  | "estimatedCalls"
  | "callsUsed"
  | "detailsRead"
  | "detailsPending"
  | "error"
>;

/** The run's product details: read (one call each), and still due once it ended. */
export interface DetailCounts {
  readonly read: number;
  /** Products (in the pass's scope) whose detail was never read or is out of date. */
  readonly pending: number;
}

export interface SyncResult {
  readonly runId: string;
  readonly account: string;
  readonly kind: SyncKind;
  readonly outcome: "succeeded";
  readonly forced: boolean;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly durationMs: number;
  readonly estimatedCalls: number;
  readonly callsUsed: number;
  readonly counts: SyncCounts;
  readonly details: DetailCounts;
  /** The first skipped records (the count is `counts.skipped`). */
  readonly skippedRecords: readonly SkippedRecord[];
  readonly quota: QuotaStatus;
}

export interface SyncProgress {
  readonly phase: "products" | "reference" | "stock" | "details";
  /** Pages (full sync) or products (re-reads) done so far. */
  readonly done: number;
  /** Known once Hiboutik announced the total (Content-Range), else null. */
  readonly total: number | null;
  /** Products processed so far. */
  readonly products: number;
}

export interface SyncOptions {
  /** Run even if the estimate exceeds the calls left this month. */
  readonly force?: boolean;
  readonly onProgress?: (progress: SyncProgress) => void;
  /**
   * The detail pass after a full or stock sync (see `detailsCap`): a full sync defaults to
   * `auto`, a stock sync to `none` (`defaultSync` asks `auto` for both). Re-reading chosen
   * products ignores it.
   */
  readonly details?: DetailsRequest;
  /** The detail pass also reads archived products and products not published on the web. */
  readonly detailsIncludeHidden?: boolean;
  /** Injected clock (tests): the quota month and the times written. */
  readonly now?: () => Date;
}
