import type { Money } from "@comptoir/api-client";

/** BG-5 / BG-8: a postal address; `countryCode` is ISO 3166-1 alpha-2 (BT-40 / BT-55). */
export interface PostalAddress {
  /** Street lines, at most three (BT-35..BT-162 / BT-50..BT-163). */
  readonly lines: readonly string[];
  readonly postcode: string | null;
  readonly city: string | null;
  readonly countryCode: string;
}

/** BT-34 / BT-49 with its scheme (EAS code: "0225" French directory, "EM" e-mail, …). */
export interface ElectronicAddress {
  readonly scheme: string;
  readonly value: string;
}

export interface Contact {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly website: string | null;
}

/** The trade register line: "RCS Lyon" (traders) or "RM Lyon" (craftspeople). */
export interface Registry {
  readonly kind: "RCS" | "RM";
  readonly city: string;
}

/** BG-4. Everything the French mandatory mentions need about the seller. */
export interface SellerParty {
  /** BT-27: company name, or first and last name followed by "EI" for a sole trader. */
  readonly name: string;
  /** BT-28. */
  readonly tradingName: string | null;
  /** "SAS", "SARL", "EI"… */
  readonly legalForm: string | null;
  readonly shareCapital: Money | null;
  /** BT-30 (scheme 0002). */
  readonly siren: string | null;
  /** BT-29 (scheme 0009). */
  readonly siret: string | null;
  readonly registry: Registry | null;
  /** BT-31. */
  readonly vatNumber: string | null;
  /** BT-32, for a seller without a VAT number (e.g. under the VAT franchise). */
  readonly taxRegistrationId: string | null;
  readonly address: PostalAddress;
  readonly contact: Contact;
  readonly electronicAddress: ElectronicAddress | null;
  /** Franchise en base (CGI art. 293 B): no VAT is charged. */
  readonly vatFranchise: boolean;
  /** "Option pour le paiement de la taxe d'après les débits". */
  readonly vatOnDebits: boolean;
}

/** BG-7. A consumer needs a name only; a business also its identifiers. */
export interface BuyerParty {
  readonly kind: "business" | "consumer";
  /** BT-44. */
  readonly name: string;
  /** BT-47 (scheme 0002): mandatory for French B2B (BR-FR-11). */
  readonly siren: string | null;
  readonly siret: string | null;
  /** BT-48. */
  readonly vatNumber: string | null;
  readonly address: PostalAddress;
  readonly contact: Contact;
  readonly electronicAddress: ElectronicAddress | null;
  /** BT-10: the buyer's own reference (purchase order, department). */
  readonly reference: string | null;
}
