/** What every Hiboutik failure carries, so callers can branch on fields rather than messages. */
export interface HiboutikErrorDetails {
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** `code` from Hiboutik's error body (1 = invalid token), or null. */
  readonly code: number | string | null;
  /** "GET /products/112": method and path, never the host's credentials or the query. */
  readonly endpoint: string;
  /** `error` key from the error body, e.g. "invalid_token". */
  readonly errorKey?: string | null;
  /** `error_description` from the error body. */
  readonly description?: string | null;
  /** How many HTTP attempts were made before giving up. */
  readonly attempts?: number;
  readonly cause?: unknown;
}

export class HiboutikError extends Error {
  readonly status: number | null;
  readonly code: number | string | null;
  readonly endpoint: string;
  readonly errorKey: string | null;
  readonly description: string | null;
  readonly attempts: number;

  constructor(message: string, details: HiboutikErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.endpoint = details.endpoint;
    this.errorKey = details.errorKey ?? null;
    this.description = details.description ?? null;
    this.attempts = details.attempts ?? 1;
  }

  /** True for failures worth retrying later (network, 5xx, 429). */
  get retryable(): boolean {
    return false;
  }
}

/** 401 or error code 1: the API key or OAuth token is wrong, revoked or expired. */
export class HiboutikAuthError extends HiboutikError {}

/** 403: the user or OAuth app lacks the right or scope for this call. */
export class HiboutikForbiddenError extends HiboutikError {}

/** 404, or a single-record GET that came back empty. */
export class HiboutikNotFoundError extends HiboutikError {}

/** 422 (or 400): Hiboutik refused the request's content; `fields` maps field → message. */
export class HiboutikValidationError extends HiboutikError {
  readonly fields: Readonly<Record<string, string>>;

  constructor(message: string, details: HiboutikErrorDetails & { fields: Record<string, string> }) {
    super(message, details);
    this.fields = details.fields;
  }
}

/** 429: the monthly call quota or the concurrency limit is exhausted. */
export class HiboutikQuotaExhaustedError extends HiboutikError {
  /** Delay the server asked for (Retry-After), or null when it gave none. */
  readonly retryAfterMs: number | null;

  constructor(message: string, details: HiboutikErrorDetails & { retryAfterMs: number | null }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }

  override get retryable(): boolean {
    return true;
  }
}

/** 5xx: Hiboutik failed; retried with backoff before this is thrown. */
export class HiboutikServerError extends HiboutikError {
  override get retryable(): boolean {
    return true;
  }
}

/** No usable HTTP response: DNS, refused or reset connection, or the per-request timeout. */
export class HiboutikNetworkError extends HiboutikError {
  readonly timedOut: boolean;

  constructor(message: string, details: HiboutikErrorDetails & { timedOut: boolean }) {
    super(message, details);
    this.timedOut = details.timedOut;
  }

  override get retryable(): boolean {
    return true;
  }
}

/** Any other refused request (405, 406, 409…): a client bug or an API change. */
export class HiboutikRequestError extends HiboutikError {}

/** The response is not the JSON the client expects (truncated, not JSON, wrong shape). */
export class HiboutikMalformedResponseError extends HiboutikError {
  readonly #retryable: boolean;

  constructor(message: string, details: HiboutikErrorDetails & { retryable?: boolean }) {
    super(message, details);
    this.#retryable = details.retryable ?? false;
  }

  override get retryable(): boolean {
    return this.#retryable;
  }
}

/** One problem in a record: the wire field (dotted path), the value found, and what was wanted. */
export interface RecordIssue {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/**
 * One record of a response failed validation. List iterators hand this out per record (so a sync
 * can skip the record and keep going); single-record reads throw it.
 */
export class HiboutikInvalidRecordError extends HiboutikMalformedResponseError {
  /** "product", "sale"… */
  readonly resource: string;
  /** The record's id as found on the wire (possibly itself the invalid value), or null. */
  readonly recordId: string | number | null;
  readonly issues: readonly RecordIssue[];
  /** The wire record, for debugging. */
  readonly raw: unknown;

  constructor(
    message: string,
    details: HiboutikErrorDetails & {
      resource: string;
      recordId: string | number | null;
      issues: readonly RecordIssue[];
      raw: unknown;
    },
  ) {
    super(message, details);
    this.resource = details.resource;
    this.recordId = details.recordId;
    this.issues = details.issues;
    this.raw = details.raw;
  }
}

/** A planned operation would need more calls than the month has left. Raised before any call. */
export class HiboutikBudgetExceededError extends HiboutikError {
  readonly needed: number;
  readonly remaining: number;

  constructor(
    message: string,
    details: HiboutikErrorDetails & { needed: number; remaining: number },
  ) {
    super(message, details);
    this.needed = details.needed;
    this.remaining = details.remaining;
  }
}
