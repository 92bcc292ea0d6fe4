import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Invoice, type LookInput, lookSchema } from "@comptoir/templates";
import { describe, expect, it } from "vitest";
import { MissingGlyphsError, type RenderOptions, renderInvoicePdfHere } from "../src/index.ts";
import { b2bPaidSplit, b2bUnpaid, b2c, creditNote, tenPages, vatExempt } from "./fixtures/suite.ts";
import { run } from "./fixtures/tools.ts";

const dir = mkdtempSync(join(tmpdir(), "invoice-pdf-"));
const LINK = "https://comptoir.example/invoices/tok_3f9a";

async function render(invoice: Invoice, look: LookInput = {}, options: RenderOptions = {}) {
  const rendered = await renderInvoicePdfHere(invoice, lookSchema.parse(look), {
    qrLink: LINK,
    ...options,
  });
  const file = join(
    dir,
    `${invoice.number}-${look.template ?? "classic"}-${options.language ?? "fr"}.pdf`,
  );
  writeFileSync(file, rendered.pdf);
  return { ...rendered, file };
}

/** pdftotext with spaces normalized (French amounts use no-break spaces). */
function text(file: string, page?: number): string {
  const range = page === undefined ? [] : ["-f", String(page), "-l", String(page)];
  return run("pdftotext", ["-layout", ...range, file, "-"]).replace(/[\u00a0\u202f]/g, " ");
}

describe("invoice PDF (PDF/A-3b with Factur-X)", () => {
  it("passes qpdf's structure check and embeds every font", async () => {
    for (const template of ["classic", "modern"] as const) {
      const { file } = await render(b2bUnpaid(), { template });
      expect(run("qpdf", ["--check", file])).toContain("No syntax or stream encoding errors");
      const fonts = run("pdffonts", [file]).trim().split("\n").slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const row of fonts) expect(row.split(/\s+/).slice(-5, -4)[0], row).toBe("yes");
    }
  });

  it("embeds the Factur-X XML as factur-x.xml (AFRelationship Data) with its XMP metadata", async () => {
    const { file, xml } = await render(b2bUnpaid());
    expect(run("qpdf", ["--list-attachments", file])).toContain("factur-x.xml");
    expect(run("qpdf", [`--show-attachment=factur-x.xml`, file])).toBe(xml);
    const json = JSON.parse(run("qpdf", ["--json", "--json-key=qpdf", file])) as {
      qpdf: [
        unknown,
        Record<
          string,
          { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }
        >,
      ];
    };
    const objects = Object.values(json.qpdf[1]).map(
      (object) => object.value ?? object.stream?.dict ?? {},
    );
    const catalog = objects.find((object) => object["/Type"] === "/Catalog");
    expect(catalog?.["/AF"]).toBeDefined();
    expect(catalog?.["/OutputIntents"]).toBeDefined();
    expect(objects.find((object) => object["/Type"] === "/EmbeddedFile")).toMatchObject({
      "/Subtype": "/text/xml",
      "/Params": { "/ModDate": "u:D:20260315000000Z" },
    });
    const filespec = objects.find((object) => object["/Type"] === "/Filespec");
    expect(filespec).toMatchObject({
      "/AFRelationship": "/Data",
      "/F": "u:factur-x.xml",
      "/UF": "u:factur-x.xml",
    });
    const xmp = join(dir, "meta.xmp");
    writeFileSync(xmp, run("pdfinfo", ["-meta", file]));
    run("xmllint", ["--noout", xmp]);
    const values = run("xmlstarlet", [
      "sel",
      "-N",
      "fx=urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
      "-N",
      "pdfaid=http://www.aiim.org/pdfa/ns/id/",
      "-N",
      "xmp=http://ns.adobe.com/xap/1.0/",
      "-t",
      "-v",
      "concat(//fx:DocumentFileName,'|',//fx:ConformanceLevel,'|',//fx:DocumentType,'|',//pdfaid:part,//pdfaid:conformance,'|',//xmp:CreateDate,'|',//xmp:ModifyDate)",
      xmp,
    ]);
    expect(values.trim()).toBe(
      "factur-x.xml|EN 16931|INVOICE|3B|2026-03-15T00:00:00Z|2026-03-15T00:00:00Z",
    );
    expect(run("pdfinfo", [file])).toMatch(/PDF version:\s+1\.7/);
  });

  it("shows the number, the totals and the mandatory B2B mentions", async () => {
    const invoice = b2bUnpaid();
    const { file } = await render(invoice);
    const page = text(file);
    for (const expected of [
      "Facture",
      invoice.number,
      "Total TTC",
      "166,80 €",
      "2,1 %",
      "Net à payer",
      "Échéance",
      "14/04/2026",
      "Pas d'escompte pour paiement anticipé",
      "pénalités de retard",
      "Banque centrale européenne",
      "Indemnité forfaitaire pour frais de recouvrement",
      "40,00 €",
      "SAS au capital de 10 000,00 €",
      "SIRET 732 829 320 00074",
      "RCS Lyon 732 829 320",
      "N° TVA intracom. FR44732829320",
      "Atelier Jacquard SARL",
      "SIREN 542 107 651",
      "IBAN FR76 3000 6000 0112 3456 7890 189",
      "Page 1 / 1",
    ]) {
      expect(page).toContain(expected);
    }
  });

  it("states the VAT exemption of a seller under the franchise", async () => {
    const { file } = await render(vatExempt());
    expect(text(file)).toContain("TVA non applicable, art. 293 B du CGI");
  });

  it("writes a credit note with its reference, and English labels when asked", async () => {
    const note = creditNote();
    const french = text((await render(note)).file);
    expect(french).toContain("Avoir");
    expect(french).toContain("Avoir se rapportant à la facture n° F2026-000101 du 15/03/2026");
    expect(french).toContain("Net à déduire");
    const english = text((await render(note, {}, { language: "en" })).file);
    expect(english).toContain("Credit note for invoice no. F2026-000101 of 15 March 2026");
    expect(english).toContain("Amount to deduct");
    expect(english).toContain("Fixed compensation for recovery costs");
  });

  it("draws Latin, Greek and Cyrillic in every font, and reports what no font has", async () => {
    for (const font of ["dejavu-sans", "dejavu-serif", "roboto"] as const) {
      const rendered = await render(b2c(), { font, template: "modern" });
      expect(rendered.missingGlyphs).toEqual([]);
      const page = text(rendered.file);
      expect(page).toContain("Ελένη Παπαδοπούλου");
      expect(page).toContain("Кружка");
      expect(page).toContain("Foulard imprimé");
    }
    const chinese = { ...b2c(), buyer: { ...b2c().buyer, name: "王小明 Wang" } };
    const reported = await render(chinese);
    expect(reported.missingGlyphs).toEqual([
      { field: "buyer.name", character: "王", codePoint: "U+738B" },
      { field: "buyer.name", character: "小", codePoint: "U+5C0F" },
      { field: "buyer.name", character: "明", codePoint: "U+660E" },
    ]);
    await expect(render(chinese, {}, { missingGlyphs: "error" })).rejects.toBeInstanceOf(
      MissingGlyphsError,
    );
  });

  it("falls back to DejaVu Sans for characters the chosen font lacks", async () => {
    const armenian = { ...b2c(), buyer: { ...b2c().buyer, name: "Արամ Petrossian" } };
    const rendered = await render(armenian, { font: "roboto" });
    expect(rendered.missingGlyphs).toEqual([]);
    expect(run("pdffonts", [rendered.file])).toContain("DejaVuSans");
    expect(text(rendered.file)).toContain("Արամ Petrossian");
  });

  it("repeats the table header on every page of a long invoice, totals on the last one", async () => {
    const invoice = tenPages();
    const { file } = await render(invoice);
    const pages = Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [file]))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(10);
    for (let page = 1; page <= pages; page++) {
      const content = text(file, page);
      expect(content, `page ${page}`).toMatch(
        /Désignation\s+Qté\s+PU HT\s+Remise\s+TVA\s+Total HT/,
      );
      expect(content, `page ${page}`).toContain(`Page ${page} / ${pages}`);
      expect(
        content.includes("Reste à payer") || content.includes("Net à payer"),
        `page ${page}`,
      ).toBe(page === pages);
    }
    expect(text(file, pages)).toContain("Détail de la TVA");
  });

  it("renders the same invoice to the same bytes", async () => {
    const first = await render(b2bPaidSplit(), { template: "modern" });
    const second = await render(b2bPaidSplit(), { template: "modern" });
    expect(Buffer.from(second.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    const other = await render(b2bPaidSplit(), { template: "modern" }, { qrLink: `${LINK}x` });
    expect(Buffer.from(other.pdf).equals(Buffer.from(first.pdf))).toBe(false);
  });
});
