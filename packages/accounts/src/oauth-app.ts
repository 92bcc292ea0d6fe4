import type { Config } from "@comptoir/config";
import { AccountError } from "./errors.ts";

/** The integrator's Hiboutik OAuth app, as configured. */
export interface OAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where Hiboutik sends the shop back: `{public URL}/oauth/hiboutik/callback`. */
  readonly redirectUri: string | undefined;
}

export function oauthAppFromConfig(
  config: Config,
  publicUrl = config.publicUrl,
): OAuthApp | undefined {
  if (!config.hiboutikOAuth) return undefined;
  return {
    ...config.hiboutikOAuth,
    redirectUri: publicUrl ? `${publicUrl}/oauth/hiboutik/callback` : undefined,
  };
}

export function requireOAuthApp(app: OAuthApp | undefined): OAuthApp {
  if (app) return app;
  throw new AccountError(
    "OAUTH_NOT_CONFIGURED",
    "This Comptoir has no Hiboutik OAuth app: set HIBOUTIK_OAUTH_CLIENT_ID and HIBOUTIK_OAUTH_CLIENT_SECRET (the app Hiboutik registered for you), or add the account with --user and --api-key instead.",
  );
}
