import { z } from "zod";
import type { OAuthCredentials } from "../credentials.ts";
import {
  cleanDescription,
  OAuthInvalidClientError,
  OAuthInvalidGrantError,
  OAuthProtocolError,
  OAuthUnavailableError,
} from "./errors.ts";

/**
 * Hiboutik's OAuth2 app flow (see hiboutik-api.md §2.2): endpoints on the shop's own subdomain,
 * `account` and `timestamp` in the authorize URL, no `redirect_uri` by default (it is registered
 * with the app at Hiboutik), HTTP Basic client authentication on the form-encoded token request.
 */

/** The subset of `fetch` these verbs use; the global fetch and the simulator's both fit. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What we ask for: catalog, stock, sales, customers, and store/tax settings for invoices. */
export const DEFAULT_HIBOUTIK_SCOPES = [
  "read_products",
  "read_inventory",
  "read_sales",
  "read_customers",
  "read_settings",
] as const;

/** Hiboutik's FAQ says access tokens last 365 days; used only if a response omits `expires_in`. */
const FALLBACK_LIFETIME_SECONDS = 365 * 24 * 60 * 60;
const DEFAULT_TIMEOUT_MS = 20_000;

export interface HiboutikEndpointInput {
  /** The shop's subdomain (`SUB` in https://SUB.hiboutik.com). */
  readonly account: string;
  /**
   * Overrides `https://SUB.hiboutik.com/api` (a proxy, the simulator). The OAuth endpoints live
   * beside the API: a trailing `/api` is replaced by `/oauth_api/…`.
   */
  readonly apiBaseUrl?: string;
}

export interface HiboutikOAuthEndpoints {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
}

// The official WooCommerce plugin accepts lowercase letters, digits and "_"; "-" is a valid
// hostname character too. Anything else could redirect requests to another host.
const ACCOUNT_PATTERN = /^[a-z0-9_-]{1,63}$/;

export function assertHiboutikAccount(account: string): void {
  if (!ACCOUNT_PATTERN.test(account)) {
    throw new RangeError(
      `Hiboutik account ${JSON.stringify(account)} is invalid: give the subdomain only (lowercase letters, digits, "_" or "-"), e.g. "myshop" for https://myshop.hiboutik.com.`,
    );
  }
}

export function hiboutikOAuthEndpoints(input: HiboutikEndpointInput): HiboutikOAuthEndpoints {
  assertHiboutikAccount(input.account);
  const apiBase = new URL(input.apiBaseUrl ?? `https://${input.account}.hiboutik.com/api`);
  const root = apiBase.pathname.replace(/\/+$/, "").replace(/\/api$/, "");
  const at = (path: string) => new URL(`${root}${path}`, apiBase.origin).toString();
  return {
    authorizeUrl: at("/oauth_api/authorize/"),
    tokenUrl: at("/oauth_api/token.php"),
  };
}

export interface AuthorizeUrlInput extends HiboutikEndpointInput {
  readonly clientId: string;
  readonly state: string;
  readonly scopes?: readonly string[];
  /**
   * Only sent when given: Hiboutik takes the redirect URI registered with the app, and the
   * official client never sends one. If you send it here, send it to `exchangeCode` too.
   */
  readonly redirectUri?: string;
  /** Written as the `timestamp` parameter Hiboutik echoes back to the callback. */
  readonly now?: Date;
}

/** The URL to send the shop owner's browser to for consent. */
export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  const url = new URL(hiboutikOAuthEndpoints(input).authorizeUrl);
  const query: Record<string, string> = {
    response_type: "code",
    client_id: input.clientId,
    scope: (input.scopes ?? DEFAULT_HIBOUTIK_SCOPES).join(" "),
    state: input.state,
    account: input.account,
    timestamp: String(Math.floor((input.now ?? new Date()).getTime() / 1000)),
  };
  if (input.redirectUri !== undefined) query.redirect_uri = input.redirectUri;
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

export type CallbackResult =
  | {
      readonly outcome: "authorized";
      readonly code: string;
      readonly state: string;
      /** Echoed by Hiboutik when present. */
      readonly account: string | undefined;
      readonly timestamp: string | undefined;
    }
  | {
      readonly outcome: "refused";
      /** Hiboutik's `error`, e.g. `access_denied` when the owner clicked "refuse". */
      readonly error: string;
      /** A sentence to show the shop owner. */
      readonly description: string;
      readonly state: string | undefined;
    }
  | { readonly outcome: "invalid"; readonly description: string };

/** Reads the query of the redirect Hiboutik sends the browser back with. */
export function parseCallback(url: string | URL): CallbackResult {
  const params = new URL(url).searchParams;
  const optional = (name: string) => params.get(name) ?? undefined;
  const error = params.get("error");
  if (error !== null) {
    return {
      outcome: "refused",
      error: cleanDescription(error) ?? "unknown_error",
      description:
        cleanDescription(params.get("error_description")) ??
        (error === "access_denied"
          ? "The connection was refused on Hiboutik."
          : "Hiboutik did not grant access."),
      state: optional("state"),
    };
  }
  const code = params.get("code");
  const state = params.get("state");
  if (!code || !state) {
    return {
      outcome: "invalid",
      description:
        "The callback has no authorization code or state. Start the connection again from Comptoir.",
    };
  }
  return {
    outcome: "authorized",
    code,
    state,
    account: optional("account"),
    timestamp: optional("timestamp"),
  };
}

export interface TokenEndpointInput {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Defaults to the global fetch. */
  readonly fetch?: FetchLike;
  /** Base for `expiresAt` (defaults to the current time). */
  readonly now?: Date;
  readonly timeoutMs?: number;
}

export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
  readonly scope?: string;
}

/** Trades the callback's authorization code for tokens. */
export function exchangeCode(
  input: TokenEndpointInput & { readonly code: string; readonly redirectUri?: string },
): Promise<OAuthTokens> {
  const body: Record<string, string> = { grant_type: "authorization_code", code: input.code };
  if (input.redirectUri !== undefined) body.redirect_uri = input.redirectUri;
  return requestTokens(input, "authorization_code", body, undefined);
}

/**
 * Gets a new access token. If Hiboutik does not rotate the refresh token, the current one is
 * kept; store both values after every refresh either way.
 */
export function refreshTokens(
  input: TokenEndpointInput & { readonly refreshToken: string },
): Promise<OAuthTokens> {
  const body = { grant_type: "refresh_token", refresh_token: input.refreshToken };
  return requestTokens(input, "refresh_token", body, input.refreshToken);
}

/** True when the access token expires within `skewSeconds` (or already has). */
export function shouldRefresh(
  tokens: { readonly expiresAt: Date },
  now: Date,
  skewSeconds = 60,
): boolean {
  return tokens.expiresAt.getTime() - now.getTime() <= skewSeconds * 1000;
}

/** The credentials object to encrypt and store after a successful exchange or refresh. */
export function toOAuthCredentials(tokens: OAuthTokens): OAuthCredentials {
  return {
    kind: "oauth",
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    ...(tokens.scope === undefined ? {} : { scope: tokens.scope }),
  };
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z
    .string()
    .refine((type) => type.toLowerCase() === "bearer")
    .optional(),
  // PHP servers sometimes send numbers as strings.
  expires_in: z
    .union([z.number().positive(), z.string().regex(/^\d+$/).transform(Number)])
    .optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().nullish(),
});

const errorResponseSchema = z.object({
  error: z.string(),
  error_description: z.unknown().optional(),
});

type Grant = "authorization_code" | "refresh_token";

async function requestTokens(
  input: TokenEndpointInput,
  grant: Grant,
  body: Record<string, string>,
  currentRefreshToken: string | undefined,
): Promise<OAuthTokens> {
  if (input.clientId.includes(":")) {
    throw new RangeError('An OAuth client id cannot contain ":" (HTTP Basic authentication).');
  }
  const fetchImpl = input.fetch ?? globalThis.fetch;
  const where = new URL(input.tokenUrl).origin;
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sentAt = input.now ?? new Date();

  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(input.tokenUrl, {
      method: "POST",
      headers: {
        // Raw `id:secret`, as Hiboutik's official PHP client sends it.
        authorization: `Basic ${Buffer.from(`${input.clientId}:${input.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams(body).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    throw new OAuthUnavailableError(
      timedOut
        ? `Hiboutik (${where}) did not answer the token request within ${timeoutMs / 1000} s. Try again later.`
        : `Could not reach Hiboutik (${where}) for a token request${error instanceof Error ? `: ${error.message}` : ""}. Check the network and try again.`,
      { cause: error },
    );
  }

  const json = parseJson(text);
  const { status } = response;
  if (response.ok) {
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new OAuthProtocolError(
        `Hiboutik (${where}) answered the token request with HTTP ${status} but no usable token (expected JSON with access_token, a Bearer token_type and expires_in).`,
        { status },
      );
    }
    const refreshToken = parsed.data.refresh_token ?? currentRefreshToken;
    if (refreshToken === undefined) {
      throw new OAuthProtocolError(
        `Hiboutik (${where}) issued no refresh token, so the connection could not be kept alive. Check that the app is registered for the authorization-code flow.`,
        { status },
      );
    }
    const lifetime = parsed.data.expires_in ?? FALLBACK_LIFETIME_SECONDS;
    const scope = parsed.data.scope ?? undefined;
    return {
      accessToken: parsed.data.access_token,
      refreshToken,
      expiresAt: new Date(sentAt.getTime() + lifetime * 1000),
      ...(scope === undefined ? {} : { scope }),
    };
  }

  const oauthError = errorResponseSchema.safeParse(json);
  const code = oauthError.success ? oauthError.data.error : undefined;
  const description = oauthError.success
    ? cleanDescription(oauthError.data.error_description)
    : undefined;
  if (code === "invalid_grant") throw new OAuthInvalidGrantError(grant, description, status);
  if (code === "invalid_client" || code === "unauthorized_client" || (status === 401 && !code)) {
    throw new OAuthInvalidClientError(description, status);
  }
  if (status >= 500 || status === 429) {
    throw new OAuthUnavailableError(
      `Hiboutik (${where}) answered the token request with HTTP ${status}${code ? ` (${code})` : ""}. Try again later.`,
      { status },
    );
  }
  const shown = code === undefined ? "" : ` ${cleanDescription(code)}`;
  throw new OAuthProtocolError(
    `Hiboutik (${where}) refused the token request with HTTP ${status}${shown}${description ? `: ${description}` : ""}.`,
    { status, ...(code === undefined ? {} : { oauthError: code }) },
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
