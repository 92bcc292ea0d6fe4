import { createBrowserBinding, createKeyRing, generateKey, type KeyRing } from "@comptoir/auth";
import { createSimulator, type Simulator } from "@comptoir/hiboutik-sim";
import type { ClientServices } from "../src/index.ts";

export const binding = createBrowserBinding();

/** A simulated shop with a controllable clock, and services that talk to it in-process. */
export function shop(options: { refreshTokenTtlSeconds?: number } = {}) {
  let now = new Date("2026-11-20T10:00:00Z");
  const sim: Simulator = createSimulator({
    seed: 7,
    products: 30,
    now: () => now,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? null,
  });
  const tokenRequests: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes("/oauth_api/token.php")) tokenRequests.push(String(init?.body ?? ""));
    return sim.fetch(input, init);
  };
  const ring: KeyRing = createKeyRing([generateKey({ id: "t1" })]);
  const services: ClientServices = {
    ring,
    fetch,
    now: () => now,
    oauthApp: {
      clientId: sim.oauthClient.clientId,
      clientSecret: sim.oauthClient.clientSecret,
      redirectUri: sim.oauthClient.redirectUri,
    },
  };
  return {
    sim,
    services,
    ring,
    /** Token-endpoint requests that were refresh grants. */
    refreshes: () => tokenRequests.filter((body) => body.includes("refresh_token")).length,
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
    basicInput(name = "shop") {
      return {
        name,
        hiboutikAccount: "demo-shop",
        apiUrl: sim.baseUrl,
        credentials: { kind: "basic" as const, ...sim.credentials },
      };
    },
  };
}

/** Follows the simulator's consent redirect and returns the URL Hiboutik sends the owner back to. */
export async function consent(sim: Simulator, authorizeUrl: string): Promise<string> {
  const response = await sim.fetch(authorizeUrl, { redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status !== 302 || !location)
    throw new Error(`consent did not redirect (${response.status})`);
  return location;
}
