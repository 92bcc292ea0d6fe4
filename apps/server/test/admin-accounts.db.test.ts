import { createKeyRing, generateKey } from "@comptoir/auth";
import { issueAdminKey, revokeAdminKey } from "@comptoir/auth/admin-key-store";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { dbTest as test } from "@comptoir/testing";
import { describe, expect } from "vitest";
import { testApp } from "./support.ts";

function setup() {
  const sim = createSimulator({ seed: 9, products: 10 });
  const services = { ring: createKeyRing([generateKey({ id: "t1" })]), fetch: sim.fetch };
  const newAccount = (name: string, apiKey = sim.credentials.apiKey) => ({
    name,
    hiboutikAccount: "demo-shop",
    apiUrl: sim.baseUrl,
    credentials: { kind: "basic", user: sim.credentials.user, apiKey },
  });
  return { sim, services, newAccount };
}

type Db = Parameters<typeof testApp>[0];

async function keys(db: Db) {
  const write = (await issueAdminKey(db, { name: "writer", scopes: ["read", "write"] })).key;
  const read = (await issueAdminKey(db, { name: "reader", scopes: ["read"] })).key;
  const auth = (key: string) => ({
    authorization: `Bearer ${key}`,
    "content-type": "application/json",
  });
  return { write, read, auth };
}

describe("admin API /api/v1/accounts", () => {
  test("adds, lists, shows and removes accounts (happy path)", async ({ db }) => {
    const { services, newAccount } = setup();
    const app = testApp(db, services);
    const { write, auth } = await keys(db);

    const created = await app.request("/api/v1/accounts", {
      method: "POST",
      headers: auth(write),
      body: JSON.stringify(newAccount("boutique")),
    });
    expect(created.status).toBe(201);
    const account = (await created.json()) as Record<string, unknown>;
    expect(account).toMatchObject({ name: "boutique", status: "active", authKind: "basic" });
    expect(JSON.stringify(account)).not.toMatch(/credentials|apiKey/);

    const list = await app.request("/api/v1/accounts", { headers: auth(write) });
    const { accounts } = (await list.json()) as {
      accounts: { name: string; callsThisMonth: number }[];
    };
    expect(accounts).toEqual([expect.objectContaining({ name: "boutique", callsThisMonth: 1 })]);

    const shown = await app.request("/api/v1/accounts/boutique", { headers: auth(write) });
    expect(((await shown.json()) as { name: string }).name).toBe("boutique");

    const removed = await app.request("/api/v1/accounts/boutique", {
      method: "DELETE",
      headers: auth(write),
    });
    expect(removed.status).toBe(200);
    expect((await app.request("/api/v1/accounts/boutique", { headers: auth(write) })).status).toBe(
      404,
    );
  });

  test("answers field-level errors, conflicts and refused credentials (errors)", async ({ db }) => {
    const { services, newAccount } = setup();
    const app = testApp(db, services);
    const { write, auth } = await keys(db);
    const post = (body: unknown) =>
      app.request("/api/v1/accounts", {
        method: "POST",
        headers: auth(write),
        body: JSON.stringify(body),
      });

    const malformed = await post({ name: "x" });
    expect(malformed.status).toBe(400);
    const { error } = (await malformed.json()) as {
      error: { code: string; details: { path: string }[] };
    };
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(["hiboutikAccount", "credentials"]),
    );

    const invalid = await post({ ...newAccount("Bad Name"), hiboutikAccount: "not a subdomain" });
    expect(invalid.status).toBe(400);
    expect(
      ((await invalid.json()) as { error: { details: { path: string }[] } }).error.details.map(
        (d) => d.path,
      ),
    ).toEqual(expect.arrayContaining(["name", "hiboutikAccount"]));

    const refused = await post(newAccount("shop", "wrong-key"));
    expect(refused.status).toBe(422);
    expect(await refused.text()).not.toContain("wrong-key");

    expect((await post(newAccount("shop"))).status).toBe(201);
    expect((await post(newAccount("shop"))).status).toBe(409);
    expect(
      (await app.request("/api/v1/accounts/nope", { method: "DELETE", headers: auth(write) }))
        .status,
    ).toBe(404);
  });

  test("requires a live admin key with the right scope (security)", async ({ db }) => {
    const { services, newAccount } = setup();
    const app = testApp(db, services);
    const { write, read, auth } = await keys(db);

    const anonymous = await app.request("/api/v1/accounts");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
    expect((await app.request("/api/v1/accounts", { headers: auth(`${write}x`) })).status).toBe(
      401,
    );
    expect(
      (await app.request("/api/v1/accounts", { headers: { authorization: write } })).status,
    ).toBe(401);

    expect((await app.request("/api/v1/accounts", { headers: auth(read) })).status).toBe(200);
    const forbidden = await app.request("/api/v1/accounts", {
      method: "POST",
      headers: auth(read),
      body: JSON.stringify(newAccount("shop")),
    });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");

    await revokeAdminKey(db, "reader");
    expect((await app.request("/api/v1/accounts", { headers: auth(read) })).status).toBe(401);
  });

  test("are described in the OpenAPI document and the reference page", async ({ db }) => {
    const app = testApp(db);
    const doc = (await (await app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths["/api/v1/accounts"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/accounts/{name}"] ?? {}).sort()).toEqual([
      "delete",
      "get",
    ]);
    expect(doc.components.securitySchemes.adminKey).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    const page = await app.request("/api/docs");
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("POST /api/v1/accounts");
  });
});
