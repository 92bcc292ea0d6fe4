/**
 * Errors from Hiboutik's OAuth token endpoint. Messages carry Hiboutik's own error code and
 * description (bounded, control characters removed) but never a code, token or client secret.
 */
export abstract class HiboutikOAuthError extends Error {
  /** True when trying again later may succeed (network trouble, 5xx, 429). */
  abstract readonly retryable: boolean;
  /** Hiboutik's `error` value, when it sent one. */
  readonly oauthError: string | undefined;
  readonly status: number | undefined;

  constructor(
    message: string,
    details: { oauthError?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.oauthError = details.oauthError;
    this.status = details.status;
  }
}

/**
 * `invalid_grant`: the refresh token was revoked or expired (the shop uninstalled the app, or an
 * admin reset it), or the authorization code was already used or expired. For a refresh the
 * caller marks the account disconnected and asks for a new connection; retrying cannot help.
 */
export class OAuthInvalidGrantError extends HiboutikOAuthError {
  readonly retryable = false;
  readonly grant: "authorization_code" | "refresh_token";

  constructor(
    grant: OAuthInvalidGrantError["grant"],
    description: string | undefined,
    status?: number,
  ) {
    super(
      grant === "refresh_token"
        ? `Hiboutik no longer accepts this account's refresh token (revoked or expired)${suffix(description)}. The account must be connected again through OAuth.`
        : `Hiboutik refused the authorization code (already used, expired, or issued to another app)${suffix(description)}. Start the connection again.`,
      { oauthError: "invalid_grant", ...(status === undefined ? {} : { status }) },
    );
    this.name = "OAuthInvalidGrantError";
    this.grant = grant;
  }
}

/** `invalid_client` / HTTP 401: the configured OAuth client id or secret is wrong. */
export class OAuthInvalidClientError extends HiboutikOAuthError {
  readonly retryable = false;

  constructor(description: string | undefined, status: number) {
    super(
      `Hiboutik rejected the OAuth client credentials${suffix(description)}. Check the OAuth client id and secret Hiboutik registered for this app.`,
      { oauthError: "invalid_client", status },
    );
    this.name = "OAuthInvalidClientError";
  }
}

/** Hiboutik could not be reached, timed out, or answered 5xx / 429. */
export class OAuthUnavailableError extends HiboutikOAuthError {
  readonly retryable = true;

  constructor(message: string, details: { status?: number; cause?: unknown } = {}) {
    super(message, details);
    this.name = "OAuthUnavailableError";
  }
}

/** Any other refusal or an answer we cannot understand (not JSON, missing fields, …). */
export class OAuthProtocolError extends HiboutikOAuthError {
  readonly retryable = false;

  constructor(message: string, details: { oauthError?: string; status?: number } = {}) {
    super(message, details);
    this.name = "OAuthProtocolError";
  }
}

/** Server-provided text, made safe to show: no control characters, bounded length. */
export function cleanDescription(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const cleaned = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  if (cleaned === "") return undefined;
  return cleaned.length > 300 ? `${cleaned.slice(0, 300)}…` : cleaned;
}

function suffix(description: string | undefined): string {
  return description === undefined ? "" : ` ("${description}")`;
}
