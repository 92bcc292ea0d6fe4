import type { SellerIdentity } from "@comptoir/api-client";
import { compactIdentifier, sirenOfFrenchVatNumber } from "./check-digits.ts";
import type { SellerSettingsInput } from "./seller-settings.ts";

/**
 * Seller settings pre-filled from Hiboutik's store identity (the `store_address` of a sale).
 * Hiboutik has no share capital, registry, BIC or payment terms: the shop completes them, then
 * `parseSellerSettings` checks the whole.
 */
export function sellerSettingsFromHiboutik(identity: SellerIdentity): Partial<SellerSettingsInput> {
  const siret = identity.companyNumber ? compactIdentifier(identity.companyNumber) : undefined;
  const vatNumber = identity.vatNumber ? compactIdentifier(identity.vatNumber) : undefined;
  const siren =
    siret !== undefined && /^\d{14}$/.test(siret)
      ? siret.slice(0, 9)
      : siret !== undefined && /^\d{9}$/.test(siret)
        ? siret
        : vatNumber
          ? (sirenOfFrenchVatNumber(vatNumber) ?? undefined)
          : undefined;
  const lines = (identity.address ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const settings: Partial<SellerSettingsInput> = {
    legalName: identity.company ?? undefined,
    legalForm: identity.legalStatus ?? undefined,
    siren,
    siret: siret !== undefined && siret.length === 14 ? siret : undefined,
    vatNumber,
    address: {
      lines,
      postcode: identity.zipCode ?? undefined,
      city: identity.city ?? undefined,
      countryCode: identity.country ?? "FR",
    },
    contact: {
      email: identity.email ?? undefined,
      phone: identity.phone ?? undefined,
    },
  };
  if (identity.iban) settings.bank = { iban: identity.iban };
  return settings;
}
