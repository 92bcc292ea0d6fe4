import { AccountError, type AccountErrorCode } from "@comptoir/accounts";
import { KeyRingError } from "@comptoir/auth";
import { CatalogError, type CatalogErrorCode } from "@comptoir/catalog";
import { ConfigError } from "@comptoir/config";
import { DatabaseUnreachableError, DataDirectoryLockedError } from "@comptoir/db";
import { FeedError, type FeedErrorCode } from "@comptoir/publishing";
import { ExitCode } from "./exit-codes.ts";

/** An error the CLI reports as-is: a message that says what to do, and an exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = ExitCode.Failure) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** Ends a command that already printed its result with a non-zero exit code (e.g. a refused feed). */
export class ExitWithCode extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode) {
    super(`exit code ${exitCode}`);
    this.name = "ExitWithCode";
    this.exitCode = exitCode;
  }
}

export interface ReportedError {
  readonly code: string;
  readonly message: string;
  readonly exitCode: ExitCode;
}

const ACCOUNT_EXIT_CODES: Partial<Record<AccountErrorCode, ExitCode>> = {
  INVALID_ACCOUNT: ExitCode.Usage,
  ACCOUNT_NOT_FOUND: ExitCode.NotFound,
  HIBOUTIK_UNREACHABLE: ExitCode.Unavailable,
  OAUTH_NOT_CONFIGURED: ExitCode.Config,
  SECRET_KEYS_REQUIRED: ExitCode.Config,
};

const CATALOG_EXIT_CODES: Partial<Record<CatalogErrorCode, ExitCode>> = {
  QUOTA_EXCEEDED: ExitCode.QuotaExceeded,
  HIBOUTIK_QUOTA_EXHAUSTED: ExitCode.Unavailable,
  HIBOUTIK_UNREACHABLE: ExitCode.Unavailable,
  INVALID_SYNC_REQUEST: ExitCode.Usage,
};

const FEED_EXIT_CODES: Partial<Record<FeedErrorCode, ExitCode>> = {
  INVALID_FEED: ExitCode.Usage,
  FEED_AMBIGUOUS: ExitCode.Usage,
  FEED_NOT_FOUND: ExitCode.NotFound,
  FEED_BUSY: ExitCode.FeedBusy,
};

/** Maps known errors to their exit code; anything else is an unexpected failure. */
export function classifyError(error: unknown): ReportedError {
  if (error instanceof CliError) {
    return { code: "FAILED", message: error.message, exitCode: error.exitCode };
  }
  if (error instanceof ConfigError) {
    return { code: "INVALID_CONFIGURATION", message: error.message, exitCode: ExitCode.Config };
  }
  if (error instanceof DataDirectoryLockedError) {
    return { code: error.code, message: error.message, exitCode: ExitCode.Busy };
  }
  if (error instanceof AccountError) {
    return {
      code: error.code,
      message: error.message,
      exitCode: ACCOUNT_EXIT_CODES[error.code] ?? ExitCode.Failure,
    };
  }
  if (error instanceof CatalogError) {
    return {
      code: error.code,
      message: error.message,
      exitCode: CATALOG_EXIT_CODES[error.code] ?? ExitCode.Failure,
    };
  }
  if (error instanceof FeedError) {
    return {
      code: error.code,
      message: error.message,
      exitCode: FEED_EXIT_CODES[error.code] ?? ExitCode.Failure,
    };
  }
  if (error instanceof KeyRingError) {
    return { code: "INVALID_SECRET_KEYS", message: error.message, exitCode: ExitCode.Config };
  }
  if (error instanceof DatabaseUnreachableError) {
    return { code: error.code, message: error.message, exitCode: ExitCode.Unavailable };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "UNEXPECTED", message, exitCode: ExitCode.Failure };
}
