import { addAccount, findAccount } from "@comptoir/accounts";
import { createKeyRing, generateKey } from "@comptoir/auth";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { dbTest as test } from "@comptoir/testing";
import { describe, expect } from "vitest";
import { testApp } from "./support.ts";

function world() {
  const sim = createSimulator({ seed: 5, products: 10 });
  const services = {
    ring: createKeyRing([generateKey({ id: "t1" })]),
    fetch: sim.fetch,
    oauthApp: { ...sim.oauthClient, redirectUri: undefined },
  };
  return { sim, services };
}

describe("GET /oauth/hiboutik/start and /callback", () => {
  test("connect a pending account through Hiboutik's consent page", async ({ db }) => {
    const { sim, services } = world();
    await addAccount(db, services, {
      name: "oshop",
      hiboutikAccount: "demo-shop",
      apiUrl: sim.baseUrl,
      credentials: { kind: "oauth" },
    });
    const app = testApp(db, services);

    const start = await app.request("/oauth/hiboutik/start?account=oshop");
    expect(start.status).toBe(302);
    const cookie = start.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^comptoir_oauth=[^;]+;.*HttpOnly/);
    expect(cookie).toContain("SameSite=Lax");

    const consent = await sim.fetch(start.headers.get("location") ?? "", { redirect: "manual" });
    const back = new URL(consent.headers.get("location") ?? "");
    const callback = await app.request(`/oauth/hiboutik/callback${back.search}`, {
      headers: { cookie: cookie.split(";")[0] ?? "" },
    });
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain("Shop connected");
    expect((await findAccount(db, "oshop")).status).toBe("active");

    // The same callback again (a replay, or a reload) connects nothing.
    const replay = await app.request(`/oauth/hiboutik/callback${back.search}`, {
      headers: { cookie: cookie.split(";")[0] ?? "" },
    });
    expect(replay.status).toBe(400);
  });

  test("answer a plain page for an unknown account and for a callback from another browser", async ({
    db,
  }) => {
    const { sim, services } = world();
    const app = testApp(db, services);
    const unknown = await app.request("/oauth/hiboutik/start?account=nobody");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("text/html");
    expect(await unknown.text()).toContain("No account named");

    await addAccount(db, services, {
      name: "oshop",
      hiboutikAccount: "demo-shop",
      apiUrl: sim.baseUrl,
      credentials: { kind: "oauth" },
    });
    const start = await app.request("/oauth/hiboutik/start?account=oshop");
    const consent = await sim.fetch(start.headers.get("location") ?? "", { redirect: "manual" });
    const back = new URL(consent.headers.get("location") ?? "");
    const stranger = await app.request(`/oauth/hiboutik/callback${back.search}`);
    expect(stranger.status).toBe(400);
    expect((await findAccount(db, "oshop")).status).toBe("pending");
  });

  test("escape what they echo", async ({ db }) => {
    const { services } = world();
    const response = await testApp(db, services).request(
      `/oauth/hiboutik/start?account=${encodeURIComponent("<script>alert(1)</script>")}`,
    );
    expect(await response.text()).not.toContain("<script>alert");
  });
});
