import { DAY_MS } from "../clock.ts";
import { belgianVatNumber, frenchVatNumber, germanVatNumber, siren } from "./identity.ts";
import { hash32, Rng, Stream } from "./prng.ts";
import { slugify } from "./text.ts";
import {
  type City,
  COMPANY_WORDS,
  FIRST_NAMES,
  FOREIGN_CITIES,
  FRENCH_CITIES,
  LAST_NAMES,
  STREETS,
} from "./words.ts";

export interface AddressSpec {
  readonly id: number;
  readonly createdWallMs: number | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
  readonly email: string;
  readonly phone: string;
  readonly street: string;
  readonly zip: string;
  readonly city: string;
  readonly country: string;
}

export interface CustomerSpec {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  /** "" for consumers (B2C). */
  readonly company: string;
  readonly email: string;
  readonly phone: string;
  /** Intra-EU VAT number, "" for consumers. */
  readonly vat: string;
  readonly country: string;
  /** Foreign EU business: its sales are duty-free (reverse charge). */
  readonly intraEu: boolean;
  readonly birthDate: string | null;
  readonly loyaltyPoints: number;
  readonly storeCreditCents: number;
  readonly code: string;
  readonly createdWallMs: number;
  readonly addresses: readonly AddressSpec[];
}

/** Address ids are derived from the customer id, so `/customers_addresses/{id}` needs no index. */
export function customerOfAddress(addressId: number): number {
  return Math.ceil(addressId / 2);
}

function address(
  rng: Rng,
  id: number,
  base: Omit<AddressSpec, "id" | "street" | "zip" | "city" | "country" | "createdWallMs">,
  city: City,
  createdWallMs: number | null,
): AddressSpec {
  return {
    id,
    createdWallMs,
    ...base,
    street: `${rng.int(1, 120)} ${rng.pick(STREETS)}`,
    zip: city.zip,
    city: city.name,
    country: city.country,
  };
}

/** `sinceWallMs`: customers exist before the first sale of the generated history. */
export function generateCustomer(seed: number, id: number, sinceWallMs: number): CustomerSpec {
  const rng = new Rng(hash32(seed, Stream.customer, id));
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const business = rng.chance(0.2);
  const intraEu = business && rng.chance(0.15);
  const city = intraEu ? rng.pick(FOREIGN_CITIES) : rng.pick(FRENCH_CITIES);
  const company = business
    ? `${rng.pick(COMPANY_WORDS)} ${lastName.charAt(0)}${lastName.slice(1).toLowerCase()} ${rng.pick(["SARL", "SAS", "EURL"])}`
    : "";
  let vat = "";
  if (intraEu) vat = city.country === "BEL" ? belgianVatNumber(rng) : germanVatNumber(rng);
  else if (business) vat = frenchVatNumber(siren(rng));
  const domain = business
    ? `${slugify(company).replace(/-(sarl|sas|eurl)$/, "")}.fr`
    : rng.pick(["gmail.com", "orange.fr", "free.fr", "laposte.net"]);
  const email = `${slugify(firstName)}.${slugify(lastName)}${business ? "" : rng.int(1, 99)}@${domain}`;
  const phone =
    city.country === "FRA" || city.country === "REU"
      ? `0${rng.pick([6, 7])}${rng.digits(8)}`
      : `+32${rng.digits(9)}`;
  const createdWallMs =
    sinceWallMs - rng.int(1, 900) * DAY_MS + rng.int(9 * 3600, 19 * 3600) * 1000;
  const base = { firstName, lastName, company, email, phone };
  const addresses = [address(rng, id * 2 - 1, base, city, rng.chance(0.5) ? createdWallMs : null)];
  if (rng.chance(0.3)) addresses.push(address(rng, id * 2, base, rng.pick(FRENCH_CITIES), null));
  return {
    id,
    firstName,
    lastName,
    company,
    email,
    phone,
    vat,
    country: city.country,
    intraEu,
    birthDate:
      !business && rng.chance(0.3)
        ? `19${rng.int(50, 99)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`
        : null,
    loyaltyPoints: rng.int(0, 400),
    storeCreditCents: rng.chance(0.05) ? rng.int(5, 40) * 100 : 0,
    code: rng.chance(0.3) ? `C${String(id).padStart(5, "0")}` : "",
    createdWallMs,
    addresses,
  };
}
