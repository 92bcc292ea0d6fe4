import { Writable } from "node:stream";
import { addAccount, findAccount } from "@comptoir/accounts";
import { createKeyRing, generateKey } from "@comptoir/auth";
import { issueAdminKey } from "@comptoir/auth/admin-key-store";
import { loadConfig } from "@comptoir/config";
import type { Database } from "@comptoir/db";
import { createSimulator } from "@comptoir/hiboutik-sim";
import {
  closeSharedRenderPool,
  findInvoice,
  invoiceLink,
  setSellerSettings,
} from "@comptoir/invoices";
import { createLogger } from "@comptoir/logger";
import { dbTest as test } from "@comptoir/testing";
import { afterAll, describe, expect } from "vitest";
import { createApp } from "../src/index.ts";
import { testApp } from "./support.ts";

afterAll(() => closeSharedRenderPool());

const SELLER = {
  legalName: "Comptoir des Canuts",
  legalForm: "SAS",
  shareCapital: "10000",
  siren: "732829320",
  registry: { kind: "RCS", city: "Lyon" },
  vatNumber: "FR44732829320",
  address: { lines: ["12 rue Mercière"], postcode: "69002", city: "Lyon", countryCode: "FR" },
  contact: { email: "contact@canuts.example" },
};

type Db = Parameters<typeof testApp>[0];
type Json = Record<string, unknown>;

async function setup(db: Db, options: { seller?: boolean } = {}) {
  const sim = createSimulator({ seed: 5, products: 20 });
  const services = { ring: createKeyRing([generateKey({ id: "t1" })]), fetch: sim.fetch };
  await addAccount(db as Database, services, {
    name: "boutique",
    hiboutikAccount: "demo-shop",
    apiUrl: sim.baseUrl,
    credentials: { kind: "basic", ...sim.credentials },
  });
  const account = await findAccount(db, "boutique");
  if (options.seller !== false) await setSellerSettings(db, account, SELLER);
  const app = testApp(db, services);
  const write = (await issueAdminKey(db, { name: "writer", scopes: ["read", "write"] })).key;
  const read = (await issueAdminKey(db, { name: "reader", scopes: ["read"] })).key;
  const headers = (key: string) => ({
    authorization: `Bearer ${key}`,
    "content-type": "application/json",
  });
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const post = (path: string, body: unknown, key = write) =>
    app.request(path, { method: "POST", headers: headers(key), body: JSON.stringify(body) });
  return { app, services, write, read, headers, yesterday, post };
}

describe("admin API /api/v1/invoices", () => {
  test("issues, lists, shows, credits and links invoices", async ({ db }) => {
    const { app, read, headers, yesterday, post } = await setup(db);
    const range = await post("/api/v1/invoices", {
      account: "boutique",
      from: yesterday,
      to: yesterday,
    });
    expect(range.status).toBe(200);
    const batch = (await range.json()) as { issued: Json[]; failed: Json[] };
    expect(batch.issued.length).toBeGreaterThan(0);
    const first = batch.issued[0] as { id: string; number: string; saleId: number };
    expect(first.number).toMatch(/^F\d{4}-000001$/);

    const again = await post("/api/v1/invoices", { account: "boutique", saleId: first.saleId });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { existing: Json[] }).existing[0]).toMatchObject({
      id: first.id,
    });

    const list = await app.request("/api/v1/invoices?account=boutique", { headers: headers(read) });
    expect(((await list.json()) as { invoices: Json[] }).invoices).toHaveLength(
      batch.issued.length,
    );
    const shown = await app.request(`/api/v1/invoices/${first.number}`, { headers: headers(read) });
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ id: first.id, creditNotes: [], original: null });

    const credit = await post(`/api/v1/invoices/${first.id}/credit-notes`, { reason: "Retour" });
    expect(credit.status).toBe(201);
    expect(await credit.json()).toMatchObject({ kind: "credit-note", originalInvoiceId: first.id });
    const twice = await post(`/api/v1/invoices/${first.id}/credit-notes`, {});
    expect(twice.status).toBe(422);

    const link = await post(`/api/v1/invoices/${first.id}/links`, { expiresIn: "2h" });
    expect(link.status).toBe(201);
    const { url, xmlUrl } = (await link.json()) as { url: string; xmlUrl: string };
    expect(url).toMatch(/^http:\/\/localhost\/invoices\/[A-Za-z0-9_-]+$/);
    expect(xmlUrl).toBe(`${url}.xml`);
  });

  test("needs a key, the write scope, and a seller identity", async ({ db }) => {
    const { app, read, yesterday, post } = await setup(db, { seller: false });
    const anonymous = await app.request("/api/v1/invoices?account=boutique");
    expect(anonymous.status).toBe(401);
    const forbidden = await post("/api/v1/invoices", { account: "boutique", saleId: 1 }, read);
    expect(forbidden.status).toBe(403);
    const noSeller = await post("/api/v1/invoices", {
      account: "boutique",
      from: yesterday,
      to: yesterday,
    });
    expect(noSeller.status).toBe(422);
    expect(JSON.stringify(await noSeller.json())).toContain("invoices seller boutique");
    const invalid = await post("/api/v1/invoices", { account: "boutique" });
    expect(invalid.status).toBe(400);
    const unknown = await post("/api/v1/invoices", { account: "nobody", saleId: 3 });
    expect(unknown.status).toBe(404);
    const doc = (await (await app.request("/api/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/invoices",
        "/api/v1/invoices/{invoice}",
        "/api/v1/invoices/{invoice}/credit-notes",
        "/api/v1/invoices/{invoice}/links",
      ]),
    );
  });
});

describe("GET /invoices/{token}", () => {
  test("serves the stored PDF and XML with caching headers; 410 expired, 404 wrong", async ({
    db,
  }) => {
    const { app, services, yesterday, post } = await setup(db);
    const range = await post("/api/v1/invoices", {
      account: "boutique",
      from: yesterday,
      to: yesterday,
    });
    const [first] = ((await range.json()) as { issued: { id: string; number: string }[] }).issued;
    if (!first) throw new Error("nothing issued");
    const row = await findInvoice(db, first.id);
    const link = invoiceLink(services.ring, row, { publicUrl: "http://localhost", expiresIn: 600 });
    const path = new URL(link.url).pathname;

    const pdf = await app.request(path);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(
      `attachment; filename="Facture-${first.number}.pdf"`,
    );
    expect(pdf.headers.get("etag")).toBe(`"${row.pdfSha256}"`);
    expect(pdf.headers.get("cache-control")).toContain("private");
    expect(Buffer.from(await pdf.arrayBuffer()).equals(Buffer.from(row.pdf))).toBe(true);

    const notModified = await app.request(path, {
      headers: { "if-none-match": `"${row.pdfSha256}"` },
    });
    expect(notModified.status).toBe(304);

    for (const xmlPath of [`${path}.xml`, `${path}?format=xml`]) {
      const xml = await app.request(xmlPath);
      expect(xml.status).toBe(200);
      expect(xml.headers.get("content-type")).toBe("application/xml; charset=utf-8");
      expect(xml.headers.get("content-disposition")).toBe(
        `attachment; filename="Facture-${first.number}.xml"`,
      );
      expect(await xml.text()).toBe(Buffer.from(row.xml).toString("utf8"));
    }
    expect((await app.request(`${path}.pdf`)).status).toBe(200);
    const head = await app.request(path, { method: "HEAD" });
    expect(head.status).toBe(200);

    const expired = invoiceLink(services.ring, row, {
      publicUrl: "http://localhost",
      expiresIn: 60,
      now: new Date(Date.now() - 3_600_000),
    });
    const gone = await app.request(new URL(expired.url).pathname);
    expect(gone.status).toBe(410);
    expect(gone.headers.get("content-type")).toContain("text/html");
    const page = await gone.text();
    expect(page).toContain(first.number);
    expect(page).toContain("contact@canuts.example");
    expect(page).toMatch(/nouveau lien/);

    const tampered = `${path.slice(0, -2)}${path.endsWith("AA") ? "BB" : "AA"}`;
    expect((await app.request(tampered)).status).toBe(404);
    expect((await app.request("/invoices/not-a-token")).status).toBe(404);
    // The request log names the route, never the token.
    const lines: string[] = [];
    const logged = createApp({
      db: db as Database,
      logger: createLogger({
        level: "info",
        format: "json",
        destination: new Writable({
          write(chunk, _encoding, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      }),
      config: loadConfig({}, "/tmp"),
      accountServices: services,
    });
    expect((await logged.request(path)).status).toBe(200);
    expect(lines.join("")).toContain('"path":"/invoices/…"');
    expect(lines.join("")).not.toContain(link.token);

    const otherRing = createKeyRing([generateKey({ id: "t1" })]);
    const foreign = invoiceLink(otherRing, row, { publicUrl: "http://localhost" });
    expect((await app.request(new URL(foreign.url).pathname)).status).toBe(404);
  });
});
