import { ErrorCode, errorResponse } from "./http/errors.ts";
import type { AccessToken, OAuthServer } from "./oauth.ts";

export interface SimulatorUser {
  /** Login email: the Basic auth user name. */
  readonly email: string;
  /** The user's API key: the Basic auth password. */
  readonly apiKey: string;
  /** Without the right, POST/DELETE /webhooks answer 403 (doc §4.20). Default true. */
  readonly canManageWebhooks?: boolean;
}

export type Principal =
  | { readonly kind: "basic"; readonly user: SimulatorUser }
  | { readonly kind: "bearer"; readonly token: AccessToken };

function unauthorized(error: string, description: string): Response {
  return errorResponse(401, {
    error,
    code: ErrorCode.authentication,
    error_description: description,
  });
}

/** Basic (user email + API key) or Bearer (OAuth access token); anything else is a 401 `code: 1`. */
export function authenticate(
  header: string | undefined,
  users: readonly SimulatorUser[],
  oauth: OAuthServer,
): Principal | Response {
  if (!header) {
    return unauthorized(
      "authentication_required",
      "Authentication required: HTTP Basic (user email and API key) or an OAuth Bearer token",
    );
  }
  const [scheme = "", ...rest] = header.trim().split(/\s+/);
  const value = rest.join(" ");
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const email = decoded.slice(0, colon).toLowerCase();
    const key = decoded.slice(colon + 1);
    const user =
      colon < 0
        ? undefined
        : users.find((u) => u.email.toLowerCase() === email && u.apiKey === key);
    if (!user) {
      return unauthorized(
        "invalid_credentials",
        "Wrong user email or API key, or API access not granted",
      );
    }
    return { kind: "basic", user };
  }
  if (scheme.toLowerCase() === "bearer") {
    const token = oauth.lookup(value);
    if (!token) return unauthorized("invalid_token", "The access token provided is invalid");
    if (oauth.isExpired(token)) {
      return unauthorized("expired_token", "The access token provided has expired");
    }
    return { kind: "bearer", token };
  }
  return unauthorized("invalid_credentials", `Unsupported authorization scheme "${scheme}"`);
}

/**
 * Scope needed per route (doc §2.2 scope list). `basic_api`, the official client's default,
 * is treated as granting everything (inferred). Webhook routes need no particular scope:
 * which one Hiboutik requires is not documented.
 */
const SCOPE_BY_PREFIX: readonly (readonly [RegExp, string])[] = [
  [/^\/(stock_available)\b/, "inventory"],
  [
    /^\/(products|categories|brands|suppliers|size_types|sizes|tags\/products|products_tags|products_images)\b/,
    "products",
  ],
  [/^\/(sales|closed_sales|open_sales|products_sold)\b/, "sales"],
  [/^\/(customer|customers|customers_addresses|tags\/customers)\b/, "customers"],
  [/^\/(stores|warehouses|payment_types|taxes|users)\b/, "settings"],
];

export function requiredScope(path: string, method: string): string | undefined {
  for (const [pattern, name] of SCOPE_BY_PREFIX) {
    if (pattern.test(path)) {
      return `${method === "GET" || method === "HEAD" ? "read" : "write"}_${name}`;
    }
  }
  return undefined;
}

export function authorize(
  principal: Principal,
  path: string,
  method: string,
): Response | undefined {
  if (path.startsWith("/webhooks") && method !== "GET" && principal.kind === "basic") {
    if (principal.user.canManageWebhooks === false) {
      return errorResponse(403, {
        error: "forbidden",
        code: ErrorCode.forbidden,
        error_description: "This user is not allowed to manage webhooks",
      });
    }
    return undefined;
  }
  if (principal.kind !== "bearer") return undefined;
  const needed = requiredScope(path, method);
  if (needed === undefined) return undefined;
  const granted = new Set(principal.token.scope.split(/\s+/));
  if (granted.has("basic_api") || granted.has(needed)) return undefined;
  return errorResponse(403, {
    error: "insufficient_scope",
    code: ErrorCode.forbidden,
    error_description: `The request requires higher privileges than provided by the access token (scope ${needed})`,
  });
}
