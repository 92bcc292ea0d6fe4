/** HTTP Basic with the Hiboutik user's login email and API key (Settings → API). */
export interface BasicAuth {
  readonly type: "basic";
  readonly user: string;
  readonly apiKey: string;
}

/**
 * OAuth2 Bearer token of a Hiboutik app. `refresh` runs the refresh grant (and stores the new
 * tokens, which is the caller's business) and resolves to the new access token.
 */
export interface OAuthAuth {
  readonly type: "oauth";
  readonly accessToken: string;
  readonly refresh?: () => Promise<string>;
}

export type HiboutikAuth = BasicAuth | OAuthAuth;

/** The live credentials of one client: the current header and a single-flight refresh. */
export interface AuthSession {
  readonly canRefresh: boolean;
  authorization(): string;
  /**
   * Refreshes unless another call already replaced the header that failed; concurrent callers
   * share one refresh promise so a burst of 401s costs one refresh.
   */
  refresh(failedAuthorization: string): Promise<void>;
}

export function createAuthSession(auth: HiboutikAuth): AuthSession {
  if (auth.type === "basic") {
    // Messages name the option, never its value.
    if (!auth.user) throw new TypeError("auth.user (the Hiboutik login email) is required");
    if (!auth.apiKey) throw new TypeError("auth.apiKey (the Hiboutik API key) is required");
    const header = `Basic ${Buffer.from(`${auth.user}:${auth.apiKey}`, "utf8").toString("base64")}`;
    return {
      canRefresh: false,
      authorization: () => header,
      refresh: () => Promise.reject(new Error("Basic credentials cannot be refreshed")),
    };
  }
  if (auth.type !== "oauth") throw new TypeError('auth.type must be "basic" or "oauth"');
  if (!auth.accessToken) throw new TypeError("auth.accessToken is required");

  let header = `Bearer ${auth.accessToken}`;
  let inFlight: Promise<void> | null = null;
  const refreshToken = auth.refresh;

  return {
    canRefresh: refreshToken !== undefined,
    authorization: () => header,
    refresh(failedAuthorization) {
      if (refreshToken === undefined) {
        return Promise.reject(new Error("no refresh hook was given for this OAuth token"));
      }
      if (failedAuthorization !== header) return Promise.resolve();
      inFlight ??= (async () => {
        try {
          // Deferred so a hook that throws synchronously still goes through `finally` last.
          const token = await Promise.resolve().then(refreshToken);
          if (typeof token !== "string" || token === "") {
            throw new TypeError("the refresh hook resolved to an empty access token");
          }
          header = `Bearer ${token}`;
        } finally {
          inFlight = null;
        }
      })();
      return inFlight;
    },
  };
}
