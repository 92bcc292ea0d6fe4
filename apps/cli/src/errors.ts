import { ConfigError } from "@comptoir/config";
import { DatabaseUnreachableError, DataDirectoryLockedError } from "@comptoir/db";
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

export interface ReportedError {
  readonly code: string;
  readonly message: string;
  readonly exitCode: ExitCode;
}

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
  if (error instanceof DatabaseUnreachableError) {
    return { code: error.code, message: error.message, exitCode: ExitCode.Unavailable };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "UNEXPECTED", message, exitCode: ExitCode.Failure };
}
