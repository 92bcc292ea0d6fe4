/**
 * Errors of the feed registry verbs. Each has a stable `code` (the CLI maps it to an exit code,
 * the admin API to a status) and a message that says what to do.
 */
export type FeedErrorCode =
  /** Settings or options that do not validate; `details` lists every field. */
  | "INVALID_FEED"
  | "FEED_EXISTS"
  | "FEED_NOT_FOUND"
  /** A bare name matches feeds of several accounts: use ACCOUNT/NAME. */
  | "FEED_AMBIGUOUS"
  /** Another process is generating this feed right now. */
  | "FEED_BUSY"
  /** Rollback asked for with no older kept generation. */
  | "NOTHING_TO_ROLL_BACK";

export interface FeedErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class FeedError extends Error {
  readonly code: FeedErrorCode;
  readonly details: readonly FeedErrorDetail[] | undefined;

  constructor(
    code: FeedErrorCode,
    message: string,
    options: { details?: readonly FeedErrorDetail[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "FeedError";
    this.code = code;
    this.details = options.details;
  }
}
