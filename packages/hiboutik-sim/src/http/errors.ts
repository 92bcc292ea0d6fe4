/**
 * The documented error body (doc §1.5): `{error, code, error_description, details?}`.
 * Only `code == 1` (authentication: refresh the token) is documented; the other codes and the
 * `error` keys are our own choice.
 */
export const ErrorCode = {
  authentication: 1,
  forbidden: 2,
  notFound: 3,
  validation: 4,
  rateLimit: 5,
  server: 6,
  notAcceptable: 7,
} as const;

export interface ErrorBody {
  readonly error: string;
  readonly code: number;
  readonly error_description: string;
  readonly details?: Readonly<Record<string, string>>;
}

export function errorResponse(
  status: number,
  body: ErrorBody,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function notFound(description: string): Response {
  return errorResponse(404, {
    error: "not_found",
    code: ErrorCode.notFound,
    error_description: description,
  });
}

export function validationError(description: string, details: Record<string, string>): Response {
  return errorResponse(422, {
    error: "unprocessable_entity",
    code: ErrorCode.validation,
    error_description: description,
    details,
  });
}
