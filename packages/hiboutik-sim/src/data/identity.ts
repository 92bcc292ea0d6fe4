import type { Rng } from "./prng.ts";

/**
 * Legal identifiers with valid check digits, so invoice code (and Factur-X validators) see
 * realistic values: SIREN/SIRET (Luhn), French intra-EU VAT numbers, IBANs (ISO 7064 mod 97).
 */

function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function siren(rng: Rng): string {
  const body = `${rng.int(1, 9)}${rng.digits(7)}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** SIRET = SIREN + 4-digit establishment number + Luhn digit over the 14 digits. */
export function siret(sirenValue: string, establishment: number): string {
  const body = `${sirenValue}${String(establishment).padStart(4, "0")}`;
  return `${body}${luhnCheckDigit(body)}`;
}

export function frenchVatNumber(sirenValue: string): string {
  const key = (12 + 3 * (Number(sirenValue) % 97)) % 97;
  return `FR${String(key).padStart(2, "0")}${sirenValue}`;
}

export function belgianVatNumber(rng: Rng): string {
  const body = `0${rng.int(2, 9)}${rng.digits(6)}`;
  const check = 97 - (Number(body) % 97);
  return `BE${body}${String(check).padStart(2, "0")}`;
}

export function germanVatNumber(rng: Rng): string {
  const body = `${rng.int(1, 9)}${rng.digits(7)}`;
  let product = 10;
  for (const char of body) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = (11 - product) % 10;
  return `DE${body}${check}`;
}

function mod97(digits: string): number {
  let remainder = 0;
  for (const char of digits) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

function lettersToDigits(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    out += code >= 65 && code <= 90 ? String(code - 55) : char;
  }
  return out;
}

/** French IBAN (bank, branch, account, RIB key), printed in groups of four like the sample. */
export function frenchIban(rng: Rng): string {
  const bank = rng.digits(5);
  const branch = rng.digits(5);
  const account = rng.digits(11);
  const ribKey = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * mod97(account)) % 97);
  const bban = `${bank}${branch}${account}${String(ribKey).padStart(2, "0")}`;
  const check = 98 - mod97(lettersToDigits(`${bban}FR00`));
  const iban = `FR${String(check).padStart(2, "0")}${bban}`;
  return iban.replace(/(.{4})/g, "$1 ").trim();
}

export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, "");
  return mod97(lettersToDigits(`${compact.slice(4)}${compact.slice(0, 4)}`)) === 1;
}

export function isValidLuhn(digits: string): boolean {
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}
