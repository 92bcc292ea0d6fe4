import { AccountError, finishOAuthConnect, startOAuthConnect } from "@comptoir/accounts";
import { createBrowserBinding } from "@comptoir/auth";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import type { App, AppEnv } from "../app.ts";

/** Binds the flow to the browser that started it (see @comptoir/auth's OAuth state). */
const BINDING_COOKIE = "comptoir_oauth";

function page(c: Context<AppEnv>, status: 200 | 400 | 404, title: string, message: string) {
  return c.html(
    html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>${title} · Comptoir</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style></head>
  <body><h1>${title}</h1><p>${message}</p></body>
</html>`,
    status,
  );
}

/**
 * Connecting a shop by OAuth: `/start` sends the owner to Hiboutik's consent page, Hiboutik sends
 * them back to `/callback`, which stores the tokens. Plain pages, since a person reads them.
 */
export function registerOAuthRoutes(app: App): void {
  app.get("/oauth/hiboutik/start", async (c) => {
    const { db, accountServices } = c.get("deps");
    const accountName = c.req.query("account") ?? "";
    const binding = createBrowserBinding();
    try {
      const { authorizeUrl } = await startOAuthConnect(db, accountServices, {
        accountName,
        binding,
      });
      setCookie(c, BINDING_COOKIE, binding, {
        httpOnly: true,
        sameSite: "Lax",
        secure: new URL(c.req.url).protocol === "https:",
        path: "/oauth/hiboutik",
        maxAge: 600,
      });
      return c.redirect(authorizeUrl, 302);
    } catch (error) {
      if (error instanceof AccountError) {
        return page(
          c,
          error.code === "ACCOUNT_NOT_FOUND" ? 404 : 400,
          "Cannot connect this shop",
          error.message,
        );
      }
      throw error;
    }
  });

  app.get("/oauth/hiboutik/callback", async (c) => {
    const { db, accountServices } = c.get("deps");
    const binding = getCookie(c, BINDING_COOKIE);
    deleteCookie(c, BINDING_COOKIE, { path: "/oauth/hiboutik" });
    try {
      const account = await finishOAuthConnect(db, accountServices, {
        callbackUrl: c.req.url,
        binding,
      });
      return page(
        c,
        200,
        "Shop connected",
        `Comptoir can now read the Hiboutik account ${account.hiboutikAccount} for "${account.name}". You can close this page.`,
      );
    } catch (error) {
      if (error instanceof AccountError)
        return page(c, 400, "The shop was not connected", error.message);
      throw error;
    }
  });
}
