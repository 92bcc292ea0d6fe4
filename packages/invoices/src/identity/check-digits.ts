/**
 * Check digits of French and banking identifiers. Each function takes the compact form
 * (no spaces); `compactIdentifier` makes it.
 */

export function compactIdentifier(value: string): string {
  return value.replace(/[\s.-]/g, "").toUpperCase();
}

/** Luhn (mod 10), the check of SIREN and SIRET. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && passesLuhn(siren);
}

/** La Poste: one SIREN for thousands of post offices, whose SIRETs cannot all pass Luhn. */
const LA_POSTE_SIREN = "356000000";

/**
 * A SIRET passes Luhn, except La Poste's establishments, whose 14 digits add up to a multiple of 5
 * instead (INSEE's documented exception).
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (passesLuhn(siret)) return true;
  if (!siret.startsWith(LA_POSTE_SIREN)) return false;
  let sum = 0;
  for (const char of siret) sum += Number(char);
  return sum % 5 === 0;
}

/** The 2-digit key of a French VAT number: (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatKey(siren: string): string {
  const key = (12 + 3 * Number(BigInt(siren) % 97n)) % 97;
  return String(key).padStart(2, "0");
}

export type VatNumberProblem = "format" | "siren" | "key";

/**
 * Checks an intra-EU VAT number. French numbers (FR + key + SIREN) are fully checked when the key
 * is numeric; keys with letters (numbers issued without a SIREN key) only by format. Other
 * countries are checked by format only.
 */
export function vatNumberProblem(vatNumber: string): VatNumberProblem | null {
  if (!/^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(vatNumber)) return "format";
  if (!vatNumber.startsWith("FR")) return null;
  const match = /^FR([0-9A-Z]{2})(\d{9})$/.exec(vatNumber);
  if (!match) return "format";
  const [, key = "", siren = ""] = match;
  if (!isValidSiren(siren)) return "siren";
  if (/^\d{2}$/.test(key) && key !== frenchVatKey(siren)) return "key";
  return null;
}

/** The SIREN inside a French VAT number, if it is one. */
export function sirenOfFrenchVatNumber(vatNumber: string): string | null {
  const match = /^FR[0-9A-Z]{2}(\d{9})$/.exec(vatNumber);
  return match?.[1] ?? null;
}

function mod97(digits: string): number {
  let remainder = 0;
  for (const char of digits) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

/** IBAN lengths by country (ISO 13616 registry), for the countries a French shop meets. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  MA: 28,
  TN: 24,
};

export type IbanProblem = "format" | "length" | "checksum";

/** ISO 7064 mod 97-10 over the rearranged IBAN, plus the country's length when known. */
export function ibanProblem(iban: string): IbanProblem | null {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return "format";
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return "length";
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let digits = "";
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    digits += code >= 65 && code <= 90 ? String(code - 55) : char;
  }
  return mod97(digits) === 1 ? null : "checksum";
}

/** ISO 9362: bank (4 letters), country (2 letters), location (2), optional branch (3). */
export function isValidBic(bic: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic);
}

/** IBAN in groups of four, as printed on invoices. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, "$1 ");
}
