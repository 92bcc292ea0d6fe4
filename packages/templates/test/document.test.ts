import type { Content, ContentTable, DynamicContent } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import {
  buildInvoiceDocument,
  type Invoice,
  type Language,
  type LookInput,
  loadFontCoverage,
  lookSchema,
  resolveLabels,
  sampleInvoice,
} from "../src/index.ts";

function build(
  look: LookInput = {},
  language: Language = "fr",
  invoice: Invoice = sampleInvoice(),
  qrLink: string | null = "https://comptoir.example/i/abc",
) {
  const parsed = lookSchema.parse(look);
  return buildInvoiceDocument(invoice, parsed, resolveLabels(parsed, language), {
    language,
    qrLink,
    fonts: loadFontCoverage(),
  });
}

/** Every node of a content tree. */
function nodes(content: unknown): Record<string, unknown>[] {
  if (Array.isArray(content)) return content.flatMap(nodes);
  if (content === null || typeof content !== "object") return [];
  const node = content as Record<string, unknown>;
  const table = node.table as { body?: unknown } | undefined;
  return [
    node,
    ...nodes(node.stack),
    ...nodes(node.columns),
    ...nodes(node.text),
    ...nodes(table?.body),
  ];
}

function texts(content: unknown): string {
  return nodes(content)
    .map((node) => (typeof node.text === "string" ? node.text : ""))
    .concat(
      nodes(content).flatMap((node) =>
        Array.isArray(node.text)
          ? node.text.filter((part): part is string => typeof part === "string")
          : [],
      ),
    )
    .join("\n");
}

function lineTable(content: Content): ContentTable {
  const table = nodes(content).find(
    (node) => (node.table as { headerRows?: number } | undefined)?.headerRows === 1,
  );
  if (!table) throw new Error("no line table");
  return table as unknown as ContentTable;
}

describe("invoice document templates", () => {
  for (const template of ["classic", "modern"] as const) {
    it(`${template}: a line table whose header repeats and whose rows never split`, () => {
      const { definition } = build({ template });
      const table = lineTable(definition.content);
      expect(table.table).toMatchObject({ headerRows: 1, dontBreakRows: true });
      expect(table.table.body).toHaveLength(1 + sampleInvoice().lines.length);
    });

    it(`${template}: totals, VAT breakdown and mentions kept together`, () => {
      const { definition } = build({ template });
      const closing = nodes(definition.content).find((node) => node.unbreakable === true);
      const closingText = texts(closing);
      for (const expected of [
        "Détail de la TVA",
        "Total TTC",
        "209,30\u00a0€",
        "Pas d'escompte",
        "pénalités de retard",
        "40,00\u00a0€",
      ]) {
        expect(closingText).toContain(expected);
      }
      expect(nodes(closing).some((node) => node.qr === "https://comptoir.example/i/abc")).toBe(
        true,
      );
    });

    it(`${template}: "page x / y" and the seller's legal identity on every page`, () => {
      const { definition } = build({ template });
      const footer = definition.footer as DynamicContent;
      const page = footer(2, 10, { width: 595, height: 842, orientation: "portrait" } as never);
      const footerText = texts(page);
      expect(footerText).toContain("Page 2 / 10");
      expect(footerText).toContain("SAS au capital de 10\u00a0000,00\u00a0€");
      expect(footerText).toContain("SIRET 732 829 320 00074");
      expect(footerText).toContain("N° TVA intracom. FR44732829320");
    });
  }

  it("shows optional columns and blocks only when the look asks for them", () => {
    const headers = (look: LookInput) =>
      texts(lineTable(build(look).definition.content).table.body[0]);
    expect(headers({})).not.toContain("Réf.");
    expect(
      headers({ columns: { sku: true, barcode: true, unit: true, grossAmount: true } }),
    ).toEqual(expect.stringContaining("Code-barres"));
    expect(headers({ columns: { discount: false } })).not.toContain("Remise");
    const withoutQr = build({ blocks: { qrCode: false } });
    expect(nodes(withoutQr.definition.content).some((node) => "qr" in node)).toBe(false);
    const noLink = build({}, "fr", sampleInvoice(), null);
    expect(nodes(noLink.definition.content).some((node) => "qr" in node)).toBe(false);
    const noBank = build({ blocks: { paymentDetails: false } });
    expect(texts(noBank.definition.content)).not.toContain("IBAN");
    expect(texts(build().definition.content)).toContain("IBAN FR76 3000 6000 0112 3456 7890 189");
  });

  it("speaks English, with the look's own labels and footer", () => {
    const { definition } = build(
      {
        labels: { en: { invoiceTitle: "Tax invoice" } },
        footer: { en: "Thank you for shopping with us" },
      },
      "en",
    );
    const all = texts(definition.content);
    expect(all).toContain("Tax invoice");
    expect(all).toContain("Unit price excl. VAT");
    expect(all).toContain(
      "the European Central Bank's latest refinancing rate plus 10 percentage points",
    );
    expect(all).toContain("€209.30");
    const footer = (definition.footer as DynamicContent)(1, 1, {} as never);
    expect(texts(footer)).toContain("Thank you for shopping with us");
    expect(definition.language).toBe("en");
  });

  it("embeds the logo once, by name", () => {
    const logo =
      "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    const { definition } = build({ logo });
    expect(definition.images).toEqual({ logo });
    expect(nodes(definition.content).some((node) => node.image === "logo")).toBe(true);
  });

  it("reports characters that no embedded font can draw", () => {
    const invoice = sampleInvoice();
    const { missingGlyphs } = build({}, "fr", {
      ...invoice,
      lines: [{ ...invoice.lines[0], name: "Thé 緑茶" } as Invoice["lines"][number]],
    });
    expect(missingGlyphs.map((glyph) => [glyph.field, glyph.codePoint])).toEqual([
      ["line 1 name", "U+7DD1"],
      ["line 1 name", "U+8336"],
    ]);
  });

  it("offers a sample invoice whose amounts add up", () => {
    const invoice = sampleInvoice();
    const cents = (value: { toMinorUnits(): bigint }) => value.toMinorUnits();
    const lines = invoice.lines.reduce((sum, line) => sum + cents(line.netAmount), 0n);
    const vat = invoice.vatBreakdown.reduce((sum, entry) => sum + cents(entry.taxAmount), 0n);
    const gross = invoice.lines.reduce((sum, line) => sum + cents(line.grossAmount), 0n);
    expect(lines).toBe(cents(invoice.totals.lineTotal));
    expect(vat).toBe(cents(invoice.totals.taxTotal));
    expect(lines + vat).toBe(cents(invoice.totals.taxInclusive));
    expect(gross).toBe(cents(invoice.totals.taxInclusive));
  });
});
