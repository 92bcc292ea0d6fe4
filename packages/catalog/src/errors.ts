import type { SyncRunSummary } from "./types.ts";

/**
 * Errors of the catalog verbs. Each has a stable `code` (the CLI maps it to an exit code, the
 * API to a status) and a message that says what to do. `run` is the recorded sync run, when
 * one was recorded (refused and failed runs are).
 */
export type CatalogErrorCode =
  /** The run would need more calls than the month has left (refused before or during the run). */
  | "QUOTA_EXCEEDED"
  /** Hiboutik answered 429: the shop's calls are used up on Hiboutik's side. */
  | "HIBOUTIK_QUOTA_EXHAUSTED"
  | "HIBOUTIK_UNREACHABLE"
  /** Another sync of the same account holds the account's sync lock. */
  | "SYNC_IN_PROGRESS"
  | "INVALID_SYNC_REQUEST"
  /** Anything else that stopped a run; the mirror is left as it was. */
  | "SYNC_FAILED";

export class CatalogError extends Error {
  readonly code: CatalogErrorCode;
  readonly run: SyncRunSummary | undefined;

  constructor(
    code: CatalogErrorCode,
    message: string,
    options: { run?: SyncRunSummary; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "CatalogError";
    this.code = code;
    this.run = options.run;
  }

  /** The same error with the recorded run attached. */
  withRun(run: SyncRunSummary): CatalogError {
    return new CatalogError(this.code, this.message, { run, cause: this.cause });
  }
}
