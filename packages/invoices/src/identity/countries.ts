/** ISO 3166-1 alpha-3 → alpha-2 for the countries a French shop's customers come from. */
const ALPHA3_TO_ALPHA2: Readonly<Record<string, string>> = {
  AND: "AD",
  AUT: "AT",
  BEL: "BE",
  BGR: "BG",
  CHE: "CH",
  CYP: "CY",
  CZE: "CZ",
  DEU: "DE",
  DNK: "DK",
  EST: "EE",
  ESP: "ES",
  FIN: "FI",
  FRA: "FR",
  GBR: "GB",
  GRC: "GR",
  HRV: "HR",
  HUN: "HU",
  IRL: "IE",
  ISL: "IS",
  ITA: "IT",
  LIE: "LI",
  LTU: "LT",
  LUX: "LU",
  LVA: "LV",
  MCO: "MC",
  MLT: "MT",
  NLD: "NL",
  NOR: "NO",
  POL: "PL",
  PRT: "PT",
  ROU: "RO",
  SWE: "SE",
  SVN: "SI",
  SVK: "SK",
  SMR: "SM",
  UKR: "UA",
  SRB: "RS",
  TUR: "TR",
  RUS: "RU",
  MAR: "MA",
  DZA: "DZ",
  TUN: "TN",
  SEN: "SN",
  CIV: "CI",
  CMR: "CM",
  USA: "US",
  CAN: "CA",
  MEX: "MX",
  BRA: "BR",
  ARG: "AR",
  CHN: "CN",
  JPN: "JP",
  KOR: "KR",
  IND: "IN",
  AUS: "AU",
  NZL: "NZ",
  ISR: "IL",
  ARE: "AE",
  SAU: "SA",
  EGY: "EG",
  ZAF: "ZA",
  REU: "RE",
  GLP: "GP",
  MTQ: "MQ",
  GUF: "GF",
  MYT: "YT",
  NCL: "NC",
  PYF: "PF",
  SPM: "PM",
  BLM: "BL",
  MAF: "MF",
  WLF: "WF",
};

const ALPHA2 = new Set(Object.values(ALPHA3_TO_ALPHA2));

/** Member states of the EU (VAT territory; Greece's VAT prefix is EL). */
const EU_MEMBERS = new Set([
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "HU",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
]);

/** "FRA", "fr", "FR" → "FR"; undefined when unknown. */
export function toCountryCode(value: string): string | undefined {
  const upper = value.trim().toUpperCase();
  if (upper.length === 3) return ALPHA3_TO_ALPHA2[upper];
  if (upper.length === 2 && (ALPHA2.has(upper) || /^[A-Z]{2}$/.test(upper))) return upper;
  return undefined;
}

export function isEuCountry(countryCode: string): boolean {
  return EU_MEMBERS.has(countryCode);
}

/** The country a VAT number belongs to ("EL" is Greece). */
export function countryOfVatNumber(vatNumber: string): string {
  const prefix = vatNumber.slice(0, 2);
  return prefix === "EL" ? "GR" : prefix;
}
