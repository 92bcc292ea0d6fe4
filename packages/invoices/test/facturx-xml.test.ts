import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sampleInvoice } from "@comptoir/templates";
import { describe, expect, it } from "vitest";
import { parseInvoiceSnapshot, renderFacturXml, serializeInvoice } from "../src/index.ts";
import { b2bUnpaid, creditNote, intraCommunity, oneCent, vatExempt } from "./fixtures/suite.ts";
import { run, VALIDATORS } from "./fixtures/tools.ts";

const XSD = join(VALIDATORS, "facturx-en16931", "Factur-X_EN16931.xsd");
const dir = mkdtempSync(join(tmpdir(), "facturx-xml-"));

/** Reads the XML back with xmllint (an independent parser), by element local names. */
function xpath(xml: string, path: string): string {
  const file = join(dir, "read.xml");
  writeFileSync(file, xml);
  const steps = path
    .split("/")
    .map((step) => (step === "" ? "" : `*[local-name()='${step}']`))
    .join("/");
  return run("xmllint", ["--xpath", `string(/${steps})`, file]).trim();
}

function xpathAll(xml: string, path: string): string[] {
  const file = join(dir, "read-all.xml");
  writeFileSync(file, xml);
  const steps = path
    .split("/")
    .map((step) => `*[local-name()='${step}']`)
    .join("/");
  return run("xmlstarlet", ["sel", "-t", "-m", `//${steps}`, "-v", ".", "-n", file])
    .split("\n")
    .filter((line) => line !== "");
}

describe("Factur-X CII XML", () => {
  it("carries the invoice's data, read back by another parser", () => {
    const invoice = b2bUnpaid();
    const xml = renderFacturXml(invoice);
    const doc = "CrossIndustryInvoice";
    expect(xpath(xml, `${doc}/ExchangedDocument/ID`)).toBe(invoice.number);
    expect(xpath(xml, `${doc}/ExchangedDocument/TypeCode`)).toBe("380");
    expect(
      xpath(xml, `${doc}/ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID`),
    ).toBe("urn:cen.eu:en16931:2017");
    expect(
      xpath(
        xml,
        `${doc}/ExchangedDocumentContext/BusinessProcessSpecifiedDocumentContextParameter/ID`,
      ),
    ).toBe("B1");
    const summation = `${doc}/SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/SpecifiedTradeSettlementHeaderMonetarySummation`;
    expect(xpath(xml, `${summation}/GrandTotalAmount`)).toBe(
      invoice.totals.taxInclusive.toFixed(2),
    );
    expect(xpath(xml, `${summation}/TaxBasisTotalAmount`)).toBe(
      invoice.totals.taxExclusive.toFixed(2),
    );
    expect(xpath(xml, `${summation}/DuePayableAmount`)).toBe(invoice.totals.due.toFixed(2));
    expect(
      xpathAll(
        xml,
        "IncludedSupplyChainTradeLineItem/SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount",
      ),
    ).toEqual(invoice.lines.map((line) => line.netAmount.toFixed(2)));
    expect(
      xpathAll(xml, "ApplicableHeaderTradeSettlement/ApplicableTradeTax/RateApplicablePercent"),
    ).toEqual(["20", "5.5", "2.1"]);
    expect(
      xpath(
        xml,
        `${doc}/SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/SellerTradeParty/SpecifiedLegalOrganization/ID`,
      ),
    ).toBe("732829320");
    expect(
      xpath(
        xml,
        `${doc}/SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/BuyerTradeParty/Name`,
      ),
    ).toBe("Atelier Jacquard SARL");
    expect(xpathAll(xml, "ExchangedDocument/IncludedNote/SubjectCode")).toEqual([
      "PMT",
      "PMD",
      "AAB",
      "BAR",
    ]);
    expect(xpathAll(xml, "PayeePartyCreditorFinancialAccount/IBANID")).toEqual([
      "FR7630006000011234567890189",
    ]);
  });

  it("references the corrected invoice in a credit note", () => {
    const xml = renderFacturXml(creditNote());
    expect(xpathAll(xml, "ExchangedDocument/TypeCode")).toEqual(["381"]);
    expect(xpathAll(xml, "InvoiceReferencedDocument/IssuerAssignedID")).toEqual(["F2026-000101"]);
    expect(
      xpathAll(xml, "InvoiceReferencedDocument/FormattedIssueDateTime/DateTimeString"),
    ).toEqual(["20260315"]);
  });

  it("escapes text and validates against the Factur-X EN 16931 schema", () => {
    for (const invoice of [
      b2bUnpaid(),
      oneCent(),
      creditNote(),
      vatExempt(),
      intraCommunity(),
      sampleInvoice(),
    ]) {
      const tricky = { ...invoice, buyer: { ...invoice.buyer, name: `Dupont & Fils <"SARL">` } };
      const xml = renderFacturXml(tricky);
      expect(xml).toContain("Dupont &amp; Fils &lt;&quot;SARL&quot;&gt;");
      const file = join(dir, `${invoice.number}.xml`);
      writeFileSync(file, xml);
      expect(run("xmllint", ["--noout", "--schema", XSD, file], { allowFailure: false })).toBe("");
    }
  });

  it("is deterministic, and survives a snapshot round trip byte for byte", () => {
    const invoice = oneCent();
    const xml = renderFacturXml(invoice);
    expect(renderFacturXml(oneCent())).toBe(xml);
    const thawed = parseInvoiceSnapshot(serializeInvoice(invoice));
    expect(renderFacturXml(thawed)).toBe(xml);
    expect(serializeInvoice(thawed)).toBe(serializeInvoice(invoice));
  });
});
