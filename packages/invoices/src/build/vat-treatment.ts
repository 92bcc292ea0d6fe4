import type { VatRate } from "@comptoir/api-client";
import type { VatCategory, VatCategoryCode, VatTreatment } from "@comptoir/templates";
import { countryOfVatNumber, isEuCountry } from "../identity/countries.ts";

/** The exemption wording (BT-120) and VATEX code (BT-121) of each non-taxed category. */
export interface Exemption {
  readonly reason: string;
  readonly code: string | null;
}

/** What a domestic line at 0 % means when the caller does not say (CGI art. 261 exemptions). */
export const DEFAULT_DOMESTIC_EXEMPTION: Exemption = {
  reason: "Exonération de TVA",
  code: null,
};

const TREATMENT_EXEMPTIONS: Readonly<Record<Exclude<VatTreatment, "domestic">, Exemption>> = {
  franchise: { reason: "TVA non applicable, art. 293 B du CGI", code: "VATEX-FR-FRANCHISE" },
  "reverse-charge": { reason: "Autoliquidation", code: "VATEX-EU-AE" },
  "intra-community": {
    reason: "Exonération de TVA, article 262 ter, I du CGI",
    code: "VATEX-EU-IC",
  },
  export: { reason: "Exonération de TVA, article 262 I du CGI", code: "VATEX-EU-G" },
};

const TREATMENT_CATEGORY: Readonly<Record<Exclude<VatTreatment, "domestic">, VatCategoryCode>> = {
  franchise: "E",
  "reverse-charge": "AE",
  "intra-community": "K",
  export: "G",
};

export function exemptionFor(
  treatment: VatTreatment,
  code: VatCategoryCode,
  domesticExemption: Exemption,
): Exemption | null {
  if (code === "S") return null;
  if (treatment === "domestic") return domesticExemption;
  return TREATMENT_EXEMPTIONS[treatment];
}

/** A line's category: standard when VAT was charged, else what the treatment makes of it. */
export function lineCategory(treatment: VatTreatment, rate: VatRate): VatCategory {
  if (!rate.fraction.isZero()) return { code: "S", rate };
  return { code: treatment === "domestic" ? "E" : TREATMENT_CATEGORY[treatment], rate };
}

export interface TreatmentFacts {
  readonly sellerFranchise: boolean;
  /** The sale was rung up without VAT (`eu_vat_code` "E" or duty free). */
  readonly saleExempt: boolean;
  readonly buyerVatNumber: string | null;
  readonly buyerCountry: string;
}

/**
 * The VAT treatment of a sale when the caller does not impose one: the seller's franchise first;
 * then, for a sale the till rang up without VAT, an EU buyer with a foreign VAT number makes an
 * intra-community supply and a buyer outside the EU an export.
 */
export function inferVatTreatment(facts: TreatmentFacts): VatTreatment {
  if (facts.sellerFranchise) return "franchise";
  if (!facts.saleExempt) return "domestic";
  if (facts.buyerVatNumber !== null) {
    const country = countryOfVatNumber(facts.buyerVatNumber);
    if (country !== "FR" && isEuCountry(country)) return "intra-community";
  }
  if (!isEuCountry(facts.buyerCountry)) return "export";
  return "domestic";
}
