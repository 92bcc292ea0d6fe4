import type { ErrorBody } from "./error-body.ts";
import {
  HiboutikAuthError,
  type HiboutikError,
  HiboutikForbiddenError,
  HiboutikNotFoundError,
  HiboutikQuotaExhaustedError,
  HiboutikRequestError,
  HiboutikServerError,
  HiboutikValidationError,
} from "./errors.ts";

export interface FailedResponse {
  readonly status: number;
  readonly body: ErrorBody | null;
  readonly endpoint: string;
  readonly retryAfterMs: number | null;
  readonly attempts: number;
  /** Set when the body's `code` said the token is invalid, whatever the status. */
  readonly invalidToken: boolean;
}

const SCOPES = "read_products read_inventory read_sales read_customers read_settings";

/** Turns a refused response into the error class callers branch on, with a message that says what to do. */
export function errorForResponse(failure: FailedResponse): HiboutikError {
  const { status, body, endpoint, attempts } = failure;
  const said = describeBody(body);
  const details = {
    status,
    code: body?.code ?? null,
    endpoint,
    errorKey: body?.error ?? null,
    description: body?.description ?? null,
    attempts,
  };

  if (failure.invalidToken || status === 401) {
    return new HiboutikAuthError(
      `Hiboutik rejected the credentials for ${endpoint} (${status}${said}). Check the user's ` +
        "login email and API key (Hiboutik: Settings → API), or reconnect the OAuth app if its " +
        "token was revoked; API access also needs Hiboutik's Premium option.",
      details,
    );
  }
  if (status === 403) {
    return new HiboutikForbiddenError(
      `Hiboutik refused ${endpoint} (403${said}): the API user or OAuth app lacks the right for ` +
        "it. Grant the access right in Hiboutik (Settings → Users → Access management) or " +
        `reconnect the app with the scopes it needs (${SCOPES}).`,
      details,
    );
  }
  if (status === 404) {
    return new HiboutikNotFoundError(
      `Hiboutik has nothing at ${endpoint} (404${said}). Check the id; the record may have been deleted.`,
      details,
    );
  }
  if (status === 422 || status === 400) {
    const fields = body?.details ?? {};
    const listed = Object.entries(fields)
      .map(([field, message]) => `${field}: ${message}`)
      .join("; ");
    return new HiboutikValidationError(
      `Hiboutik refused the request to ${endpoint} (${status}${said})` +
        `${listed ? ` — ${listed}` : ""}. Fix the request's values and try again.`,
      { ...details, fields },
    );
  }
  if (status === 429) {
    const wait =
      failure.retryAfterMs === null
        ? ""
        : ` Hiboutik asks to wait ${Math.ceil(failure.retryAfterMs / 1000)} s.`;
    return new HiboutikQuotaExhaustedError(
      `Hiboutik refused ${endpoint} with 429${said} after ${attempts} attempt(s): the account's ` +
        `API call quota (10,000 a month by default) or its 30-concurrent-calls limit is used up.${wait} ` +
        "Wait for the quota to reset next month or buy extra calls in Hiboutik (Sales → " +
        "Subscriptions), and lower the client's concurrency.",
      { ...details, retryAfterMs: failure.retryAfterMs },
    );
  }
  if (status >= 500) {
    return new HiboutikServerError(
      `Hiboutik failed on ${endpoint} (${status}${said}) after ${attempts} attempt(s). The ` +
        "problem is on Hiboutik's side; try again later.",
      details,
    );
  }
  return new HiboutikRequestError(
    `Hiboutik refused ${endpoint} (${status}${said}). This is unexpected for a read; it may be ` +
      "a client bug or an API change — report it with the endpoint.",
    details,
  );
}

function describeBody(body: ErrorBody | null): string {
  if (body === null) return "";
  const parts = [body.error, body.description].filter((part) => part !== null);
  return parts.length > 0 ? `: ${parts.join(" — ")}` : "";
}
