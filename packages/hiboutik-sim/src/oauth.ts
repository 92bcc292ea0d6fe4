import type { Context } from "hono";
import type { Rng } from "./data/prng.ts";
import { readBody } from "./http/body.ts";

/**
 * Hiboutik's OAuth2 app flow (doc §2.2): authorize on the account's own subdomain, token at
 * `/oauth_api/token.php` with HTTP Basic client authentication and a form body.
 *
 * Inferred: the 40-hex tokens, `token.php` and the response shape match bshaffer's
 * oauth2-server-php, so its error keys, messages and statuses (400 for every token-endpoint
 * error) are reproduced. Refreshing rotates the refresh token (the official app class stores
 * whatever comes back, so either way works for a client that does the same).
 */

export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

export interface AccessToken {
  readonly accessToken: string;
  readonly clientId: string;
  readonly scope: string;
  expiresAtMs: number;
}

interface CodeGrant {
  readonly clientId: string;
  readonly scope: string;
  readonly expiresAtMs: number;
}

interface RefreshGrant {
  readonly clientId: string;
  readonly scope: string;
  readonly expiresAtMs: number | null;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly expires_in: number;
  readonly token_type: "Bearer";
  readonly scope: string;
  readonly refresh_token: string;
}

/** Scopes named by the FAQ (read_/write_ pairs) plus the official client's default. */
export const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  "basic_api",
  ...[
    "products",
    "customers",
    "store_credit",
    "sales",
    "reports",
    "inventory",
    "calendar_events",
    "time_tracking",
    "kitchen_screen",
    "settings",
  ].flatMap((name) => [`read_${name}`, `write_${name}`]),
]);

export interface OAuthOptions {
  readonly account: string;
  readonly clients: readonly OAuthClient[];
  readonly now: () => Date;
  readonly rng: Rng;
  readonly accessTokenTtlSeconds: number;
  /** null = refresh tokens never expire. */
  readonly refreshTokenTtlSeconds: number | null;
  readonly consent: () => "grant" | "deny";
}

/** bshaffer's default authorization-code lifetime. */
const CODE_TTL_SECONDS = 30;

function oauthError(status: number, error: string, description: string): Response {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location } });
}

function decodeBasic(header: string | undefined): [string, string] | undefined {
  if (!header?.toLowerCase().startsWith("basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before base64 (a no-op for plain ones). */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

export class OAuthServer {
  private readonly clients: Map<string, OAuthClient>;
  private readonly codes = new Map<string, CodeGrant>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(private readonly options: OAuthOptions) {
    this.clients = new Map(options.clients.map((client) => [client.clientId, client]));
  }

  private nowMs(): number {
    return this.options.now().getTime();
  }

  lookup(accessToken: string): AccessToken | undefined {
    return this.tokens.get(accessToken);
  }

  isExpired(token: AccessToken): boolean {
    return token.expiresAtMs <= this.nowMs();
  }

  expireAll(): void {
    const now = this.nowMs();
    for (const token of this.tokens.values()) token.expiresAtMs = Math.min(token.expiresAtMs, now);
  }

  /** Issues a token pair directly, skipping the browser step (for tests of other packages). */
  issue(clientId: string, scope: string): TokenResponse {
    const accessToken = this.options.rng.hex(40);
    const refreshToken = this.options.rng.hex(40);
    const now = this.nowMs();
    this.tokens.set(accessToken, {
      accessToken,
      clientId,
      scope,
      expiresAtMs: now + this.options.accessTokenTtlSeconds * 1000,
    });
    const ttl = this.options.refreshTokenTtlSeconds;
    this.refreshTokens.set(refreshToken, {
      clientId,
      scope,
      expiresAtMs: ttl === null ? null : now + ttl * 1000,
    });
    return {
      access_token: accessToken,
      expires_in: this.options.accessTokenTtlSeconds,
      token_type: "Bearer",
      scope,
      refresh_token: refreshToken,
    };
  }

  /**
   * `GET /oauth_api/authorize/`: the simulated merchant consents at once (or refuses, see the
   * `oauthConsent` fault) and is sent back to the app's registered redirect URI.
   */
  authorize(url: URL): Response {
    const q = url.searchParams;
    const client = this.clients.get(q.get("client_id") ?? "");
    if (!client) return oauthError(400, "invalid_client", "The client id supplied is invalid");
    // The official client sends no redirect_uri (it is registered with the app); a generic
    // OAuth client that sends one must send the registered value.
    const redirectUri = q.get("redirect_uri");
    if (redirectUri !== null && redirectUri !== client.redirectUri) {
      return oauthError(
        400,
        "redirect_uri_mismatch",
        "The redirect URI provided does not match the one registered",
      );
    }
    const back = (params: Record<string, string>) => {
      const target = new URL(client.redirectUri);
      for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
      const state = q.get("state");
      if (state !== null) target.searchParams.set("state", state);
      const timestamp = q.get("timestamp");
      if (timestamp !== null) target.searchParams.set("timestamp", timestamp);
      return redirect(target.toString());
    };
    if (q.get("response_type") !== "code") {
      return back({
        error: "unsupported_response_type",
        error_description: "Invalid or missing response type",
      });
    }
    const account = q.get("account");
    if (account !== null && account !== this.options.account) {
      return back({ error: "invalid_request", error_description: `Unknown account "${account}"` });
    }
    const scope = (q.get("scope") ?? "basic_api").trim() || "basic_api";
    if (scope.split(/\s+/).some((s) => !KNOWN_SCOPES.has(s))) {
      return back({
        error: "invalid_scope",
        error_description: "An unsupported scope was requested",
      });
    }
    if (this.options.consent() === "deny") {
      return back({
        error: "access_denied",
        error_description: "The user denied access to your application",
      });
    }
    const code = this.options.rng.hex(40);
    this.codes.set(code, {
      clientId: client.clientId,
      scope,
      expiresAtMs: this.nowMs() + CODE_TTL_SECONDS * 1000,
    });
    return back({ code });
  }

  /** `POST /oauth_api/token.php`. */
  async token(c: Context): Promise<Response> {
    const body = await readBody(c);
    const basic = decodeBasic(c.req.header("authorization"));
    const clientId = basic?.[0] ?? body.client_id;
    const secret = basic?.[1] ?? body.client_secret;
    const client = clientId === undefined ? undefined : this.clients.get(clientId);
    if (!client || client.clientSecret !== secret) {
      return oauthError(400, "invalid_client", "The client credentials are invalid");
    }
    const grant = body.grant_type;
    if (!grant) {
      return oauthError(400, "invalid_request", "The grant type was not specified in the request");
    }
    if (grant === "authorization_code") {
      const code = body.code;
      if (!code) return oauthError(400, "invalid_request", 'Missing parameter: "code" is required');
      const stored = this.codes.get(code);
      if (!stored || stored.clientId !== client.clientId) {
        return oauthError(
          400,
          "invalid_grant",
          "Authorization code doesn't exist or is invalid for the client",
        );
      }
      this.codes.delete(code);
      if (stored.expiresAtMs <= this.nowMs()) {
        return oauthError(400, "invalid_grant", "The authorization code has expired");
      }
      return this.tokenResponse(this.issue(client.clientId, stored.scope));
    }
    if (grant === "refresh_token") {
      const refreshToken = body.refresh_token;
      if (!refreshToken) {
        return oauthError(400, "invalid_request", 'Missing parameter: "refresh_token" is required');
      }
      const stored = this.refreshTokens.get(refreshToken);
      if (!stored || stored.clientId !== client.clientId) {
        return oauthError(400, "invalid_grant", "Invalid refresh token");
      }
      if (stored.expiresAtMs !== null && stored.expiresAtMs <= this.nowMs()) {
        return oauthError(400, "invalid_grant", "Refresh token has expired");
      }
      this.refreshTokens.delete(refreshToken);
      return this.tokenResponse(this.issue(client.clientId, stored.scope));
    }
    return oauthError(400, "unsupported_grant_type", `Grant type "${grant}" not supported`);
  }

  private tokenResponse(token: TokenResponse): Response {
    return new Response(JSON.stringify(token), {
      status: 200,
      headers: {
        "content-type": "application/json",
        "cache-control": "no-store",
        pragma: "no-cache",
      },
    });
  }
}
