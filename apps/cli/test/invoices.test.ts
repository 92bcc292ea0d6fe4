import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { runComptoir, useTempDir } from "@comptoir/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sim = createSimulator({ seed: 3, products: 20 });
let apiUrl = "";
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await sim.listen(0);
  apiUrl = `${server.url}/api`;
  close = server.close;
});
afterAll(() => close());

const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);

/** Closed sales of store 1 on a day, straight from the simulator. */
async function closedSales(date: string): Promise<number[]> {
  const [y, m, d] = date.split("-");
  const auth = Buffer.from(`${sim.credentials.user}:${sim.credentials.apiKey}`).toString("base64");
  const response = await sim.fetch(`${sim.baseUrl}/closed_sales/1/${y}/${m}/${d}`, {
    headers: { authorization: `Basic ${auth}` },
  });
  return ((await response.json()) as { sale_id: number }[]).map((s) => s.sale_id);
}

interface Summary {
  id: string;
  number: string;
  kind: string;
  saleId: number;
  totalInclVat: string;
  buyerName: string;
}

describe("comptoir invoices", () => {
  it("sets the seller, issues, lists, shows, credits, links, exports and previews", async () => {
    const dataDir = useTempDir();
    const env = {
      COMPTOIR_DATA_DIR: dataDir,
      COMPTOIR_PUBLIC_URL: "https://factures.example",
      LOG_LEVEL: "warn",
    };
    const run = (...args: string[]) => runComptoir(args, { env, timeoutMs: 120_000 });
    const added = await run(
      "accounts",
      "add",
      "boutique",
      "--hiboutik-account",
      "demo-shop",
      "--api-url",
      apiUrl,
      "--user",
      sim.credentials.user,
      "--api-key",
      sim.credentials.apiKey,
    );
    expect(added.code, added.stderr).toBe(0);
    const yesterday = day(1);

    // No seller identity yet: nothing is issued, and the error says what to do.
    const early = await run(
      "invoices",
      "issue",
      "boutique",
      "--from",
      yesterday,
      "--to",
      yesterday,
    );
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("invoices seller boutique --set");

    const draft = await run("invoices", "seller", "boutique");
    expect(draft.code, draft.stderr).toBe(0);
    expect(draft.json()).toMatchObject({ saved: false, seller: { legalForm: "SAS" } });

    const refused = await run("invoices", "seller", "boutique", "--set", "siren=123456789");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/siren/);
    expect((await run("invoices", "seller", "boutique")).json()).toMatchObject({ saved: false });

    const saved = await run(
      "invoices",
      "seller",
      "boutique",
      "--set",
      "shareCapital=10000",
      "--set",
      "registry.kind=RCS",
      "--set",
      "registry.city=Lyon",
    );
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.json()).toMatchObject({ saved: true, seller: { shareCapital: "10000" } });

    const range = await run(
      "invoices",
      "issue",
      "boutique",
      "--from",
      yesterday,
      "--to",
      yesterday,
    );
    expect(range.code, range.stderr).toBe(0);
    const batch = range.json<{ issued: Summary[]; existing: Summary[] }>();
    expect(batch.issued.length).toBeGreaterThan(0);
    const first = batch.issued[0] as Summary;
    expect(first.number).toMatch(/^F\d{4}-000001$/);

    const again = await run("invoices", "issue", "boutique", "--sale", String(first.saleId));
    expect(again.json()).toMatchObject({ created: false, invoice: { id: first.id } });

    // A walk-in customer asks for an invoice, with a name a spreadsheet would run as a formula.
    const [walkIn] = await closedSales(day(2));
    const named = await run(
      "invoices",
      "issue",
      "boutique",
      "--sale",
      String(walkIn),
      "--buyer-name",
      '=HYPERLINK("http://evil.example")',
      "--buyer-address",
      "5 rue de la République",
      "--buyer-postcode",
      "69002",
      "--buyer-city",
      "Lyon",
    );
    expect(named.code, named.stderr).toBe(0);
    expect(named.json()).toMatchObject({ created: true });

    const list = await run("invoices", "list", "boutique");
    const invoices = list.json<Summary[]>();
    expect(invoices).toHaveLength(batch.issued.length + 1);

    const shown = await run("invoices", "show", first.number);
    expect(shown.json()).toMatchObject({ id: first.id, creditNotes: [] });
    const missing = await run("invoices", "show", "F1999-000001");
    expect(missing.code).toBe(6);

    const credit = await run(
      "invoices",
      "credit",
      first.number,
      "--lines",
      "1",
      "--reason",
      "Retour",
    );
    expect(credit.code, credit.stderr).toBe(0);
    const creditNote = credit.json<{ creditNote: Summary }>().creditNote;
    expect(creditNote).toMatchObject({ kind: "credit-note" });
    expect(creditNote.number).toMatch(/^AV\d{4}-000001$/);
    const badLines = await run("invoices", "credit", first.number, "--lines", "one");
    expect(badLines.code).toBe(2);

    const link = await run("invoices", "link", first.number, "--expires", "2h");
    expect(link.code, link.stderr).toBe(0);
    const { url, expiresAt } = link.json<{ url: string; expiresAt: string }>();
    expect(url).toMatch(/^https:\/\/factures\.example\/invoices\/[A-Za-z0-9_-]+$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(7_000_000);
    expect((await run("invoices", "link", first.number, "--expires", "soon")).code).toBe(2);

    const zip = path.join(dataDir, "export.zip");
    const exported = await run(
      "invoices",
      "export",
      "boutique",
      "--from",
      "2000-01-01",
      "--to",
      "2100-01-01",
      "--out",
      zip,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json()).toMatchObject({ documents: invoices.length + 1, creditNotes: 1 });
    const entries = execFileSync("zipinfo", ["-1", zip], { encoding: "utf8" }).trim().split("\n");
    expect(entries).toContain("index.csv");
    expect(entries).toContain(`Facture-${first.number}.pdf`);
    expect(entries).toContain(`Avoir-${creditNote.number}.pdf`);
    const csv = execFileSync("unzip", ["-p", zip, "index.csv"], { encoding: "utf8" });
    expect(csv.split("\r\n")[0]).toContain("number,kind,issue_date");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const pdf = execFileSync("unzip", ["-p", zip, `Facture-${first.number}.pdf`]);
    expect(pdf.subarray(0, 8).toString()).toBe("%PDF-1.7");

    const preview = path.join(dataDir, "preview.pdf");
    const previewed = await run(
      "invoices",
      "preview",
      "boutique",
      "--template",
      "modern",
      "--out",
      preview,
    );
    expect(previewed.code, previewed.stderr).toBe(0);
    expect(fs.readFileSync(preview).subarray(0, 8).toString()).toBe("%PDF-1.7");

    const badLook = await run("invoices", "look", "boutique", "--set", "colors.accent=red");
    expect(badLook.code).toBe(1);
    expect(badLook.stderr).toContain("#rrggbb");
    const look = await run("invoices", "look", "boutique", "--set", "template=modern");
    expect(look.json()).toEqual({ template: "modern" });
  }, 400_000);
});
