/** Errors of the jobs package, with field-level details for invalid input. */
export type JobErrorCode =
  | "INVALID_PAYLOAD"
  | "INVALID_SCHEDULE"
  | "SCHEDULE_NOT_FOUND"
  | "FEED_NOT_FOUND";

export class JobError extends Error {
  readonly code: JobErrorCode;
  readonly details: readonly { path: string; message: string }[] | undefined;

  constructor(
    code: JobErrorCode,
    message: string,
    options: { details?: readonly { path: string; message: string }[] } = {},
  ) {
    super(message);
    this.name = "JobError";
    this.code = code;
    this.details = options.details;
  }
}

export function issuesToDetails(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): { path: string; message: string }[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}
