/**
 * Errors of the account verbs. Each has a stable `code` (the CLI maps it to an exit code, the
 * API to a status) and a message that says what to do. None ever carries a credential.
 */
export type AccountErrorCode =
  | "INVALID_ACCOUNT"
  | "ACCOUNT_EXISTS"
  | "ACCOUNT_NOT_FOUND"
  | "CREDENTIALS_REJECTED"
  | "HIBOUTIK_UNREACHABLE"
  | "ACCOUNT_DISCONNECTED"
  | "ACCOUNT_PENDING"
  | "OAUTH_NOT_CONFIGURED"
  | "OAUTH_FAILED"
  | "SECRET_KEYS_REQUIRED";

export class AccountError extends Error {
  readonly code: AccountErrorCode;
  readonly details: readonly { path: string; message: string }[] | undefined;

  constructor(
    code: AccountErrorCode,
    message: string,
    options: { details?: readonly { path: string; message: string }[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AccountError";
    this.code = code;
    this.details = options.details;
  }
}
