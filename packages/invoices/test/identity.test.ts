import type { Customer, SellerIdentity } from "@comptoir/api-client";
import { describe, expect, it } from "vitest";
import {
  buyerDetailsFromCustomer,
  frenchVatKey,
  ibanProblem,
  isValidBic,
  isValidSiren,
  isValidSiret,
  parseBuyerDetails,
  parseSellerSettings,
  sellerSettingsFromHiboutik,
  vatNumberProblem,
} from "../src/index.ts";
import { sellerInput } from "./fixtures/parties.ts";

function issuesOf(input: unknown): Record<string, string> {
  const result = parseSellerSettings(input);
  if (result.ok) return {};
  return Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message]));
}

describe("check digits", () => {
  it("checks SIREN and SIRET with Luhn, and La Poste's SIRETs by their digit sum", () => {
    expect(isValidSiren("732829320")).toBe(true);
    expect(isValidSiren("732829321")).toBe(false);
    expect(isValidSiren("73282932")).toBe(false);
    expect(isValidSiret("73282932000074")).toBe(true);
    expect(isValidSiret("73282932000075")).toBe(false);
    // La Poste (SIREN 356000000): its post offices' SIRETs fail Luhn but add up to a multiple of 5.
    expect(isValidSiren("356000000")).toBe(true);
    expect(isValidSiret("35600000000048")).toBe(true);
    expect(isValidSiret("35600000049837")).toBe(true);
    expect(isValidSiret("35600000049838")).toBe(false);
    expect(isValidSiret("35600000049836")).toBe(false);
  });

  it("checks the key of French VAT numbers and the format of others", () => {
    expect(frenchVatKey("732829320")).toBe("44");
    expect(vatNumberProblem("FR44732829320")).toBeNull();
    expect(vatNumberProblem("FR45732829320")).toBe("key");
    expect(vatNumberProblem("FR44732829321")).toBe("siren");
    expect(vatNumberProblem("FRXX732829320")).toBeNull();
    expect(vatNumberProblem("DE136695976")).toBeNull();
    expect(vatNumberProblem("F44732829320")).toBe("format");
  });

  it("checks IBANs (mod 97, country length) and BICs", () => {
    expect(ibanProblem("FR7630006000011234567890189")).toBeNull();
    expect(ibanProblem("FR7630006000011234567890188")).toBe("checksum");
    expect(ibanProblem("FR763000600001123456789018")).toBe("length");
    expect(ibanProblem("7630006000011234567890189")).toBe("format");
    expect(ibanProblem("DE89370400440532013000")).toBeNull();
    expect(isValidBic("AGRIFRPP")).toBe(true);
    expect(isValidBic("AGRIFRPPXXX")).toBe(true);
    expect(isValidBic("AGRI-FR")).toBe(false);
  });
});

describe("seller settings", () => {
  it("accepts a complete identity and normalizes it", () => {
    const result = parseSellerSettings(sellerInput);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      siren: "732829320",
      address: { countryCode: "FR" },
      bank: { iban: "FR7630006000011234567890189" },
      paymentTerms: { days: 30 },
      vatFranchise: false,
      operationNature: "goods",
    });
    expect(result.value.shareCapital?.toFixed(2)).toBe("10000.00");
  });

  it("reports every problem at once, on its field, with how to fix it", () => {
    const issues = issuesOf({
      ...sellerInput,
      legalName: " ",
      siren: "732829321",
      siret: "54210765100018",
      vatNumber: "FR45732829320",
      bank: { iban: "FR7630006000011234567890188", bic: "??" },
      address: { lines: [], countryCode: "Atlantis" },
      contact: { email: "not-an-email" },
      paymentTerms: { days: 90 },
    });
    expect(issues).toMatchObject({
      legalName: expect.stringContaining("required"),
      siren: expect.stringContaining("check digit"),
      vatNumber: expect.stringContaining("key"),
      "bank.iban": expect.stringContaining("mod 97"),
      "bank.bic": expect.stringContaining("BIC"),
      "address.lines": expect.stringContaining("street line"),
      "address.countryCode": expect.stringContaining("unknown country"),
      "contact.email": "not an e-mail address",
      "paymentTerms.days": expect.stringContaining("60 days"),
    });
  });

  it("cross-checks SIRET, VAT number and SIREN, and the mentions of special statuses", () => {
    expect(issuesOf({ ...sellerInput, siret: "54210765100018" }).siret).toBe(
      "the SIRET must start with the SIREN",
    );
    expect(issuesOf({ ...sellerInput, vatNumber: "FR13542107651" }).vatNumber).toContain(
      "seller's SIREN",
    );
    expect(issuesOf({ ...sellerInput, vatNumber: undefined }).vatNumber).toContain(
      "unless the seller is under the VAT franchise",
    );
    expect(
      issuesOf({ ...sellerInput, legalForm: "EI", shareCapital: undefined }).legalName,
    ).toContain('"EI"');
    expect(issuesOf({ ...sellerInput, shareCapital: undefined }).shareCapital).toBe(
      "the share capital is a mandatory mention for a SAS",
    );
    expect(issuesOf({ ...sellerInput, vatNumber: undefined, vatFranchise: true })).toEqual({});
  });

  it("pre-fills settings from Hiboutik's store identity", () => {
    const identity: SellerIdentity = {
      company: "COMPTOIR DES CANUTS",
      address: "12 RUE MERCIÈRE",
      zipCode: "69002",
      city: "LYON",
      country: "FRA",
      vatNumber: "FR44732829320",
      companyNumber: "732 829 320 00074",
      legalStatus: "SAS",
      nafCode: "4771Z",
      email: "contact@canuts.example",
      phone: "0478000000",
      iban: "FR76 3000 6000 0112 3456 7890 189",
    };
    const prefilled = sellerSettingsFromHiboutik(identity);
    expect(prefilled).toMatchObject({
      legalName: "COMPTOIR DES CANUTS",
      siren: "732829320",
      siret: "73282932000074",
      legalForm: "SAS",
    });
    const issues = issuesOf(prefilled);
    // Hiboutik has no share capital: the shop must add it.
    expect(Object.keys(issues)).toEqual(["shareCapital"]);
    expect(issuesOf({ ...prefilled, shareCapital: "10000" })).toEqual({});
  });
});

describe("buyer details", () => {
  it("maps a POS customer and its billing address", () => {
    const customer = {
      id: 5,
      firstName: "Jeanne",
      lastName: "Martin",
      company: "Atelier Jacquard SARL",
      email: "jeanne@jacquard.example",
      phone: null,
      vatNumber: "FR13542107651",
      country: "FRA",
      addresses: [],
    } as unknown as Customer;
    const details = buyerDetailsFromCustomer(customer, {
      id: 9,
      createdAt: null,
      firstName: null,
      lastName: null,
      company: null,
      email: null,
      phone: null,
      street: "3 place des Terreaux\nBâtiment B",
      zipCode: "69001",
      city: "Lyon",
      country: "FRA",
      raw: {},
    });
    const parsed = parseBuyerDetails(details);
    expect(parsed.ok && parsed.value).toMatchObject({
      name: "Atelier Jacquard SARL",
      vatNumber: "FR13542107651",
      address: { lines: ["3 place des Terreaux", "Bâtiment B"], countryCode: "FR" },
      contact: { name: "Jeanne Martin", email: "jeanne@jacquard.example" },
    });
  });

  it("rejects a buyer whose identifiers disagree", () => {
    const parsed = parseBuyerDetails({ name: "X", siren: "542107651", vatNumber: "FR44732829320" });
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.path)).toEqual(["vatNumber"]);
  });
});
