import type {
  BuyerParty,
  ElectronicAddress,
  PostalAddress,
  SellerParty,
} from "@comptoir/templates";
import type { BuyerDetails } from "../identity/buyer-details.ts";
import { sirenOfFrenchVatNumber } from "../identity/check-digits.ts";
import type { SellerSettings } from "../identity/seller-settings.ts";

/** The French directory addressing scheme (BT-34/BT-49): the SIREN, optionally suffixed. */
const FRENCH_DIRECTORY_SCHEME = "0225";

export const WALK_IN_CUSTOMER = "Client de passage";

function address(
  value:
    | {
        lines: string[];
        postcode?: string | undefined;
        city?: string | undefined;
        countryCode: string;
      }
    | undefined,
  fallbackCountry: string,
): PostalAddress {
  return {
    lines: value?.lines ?? [],
    postcode: value?.postcode ?? null,
    city: value?.city ?? null,
    countryCode: value?.countryCode ?? fallbackCountry,
  };
}

export function sellerParty(settings: SellerSettings): SellerParty {
  const electronicAddress: ElectronicAddress = settings.electronicAddress ?? {
    scheme: FRENCH_DIRECTORY_SCHEME,
    value: settings.siren,
  };
  return {
    name: settings.legalName,
    tradingName: settings.tradingName ?? null,
    legalForm: settings.legalForm ?? null,
    shareCapital: settings.shareCapital ?? null,
    siren: settings.siren,
    siret: settings.siret ?? null,
    registry: settings.registry ?? null,
    vatNumber: settings.vatNumber ?? null,
    // BR-E-02 wants BT-31 or BT-32 on exempt invoices; a business without a VAT number is known to
    // the tax office by its SIREN.
    taxRegistrationId:
      settings.taxRegistrationId ?? (settings.vatNumber === undefined ? settings.siren : null),
    address: address(settings.address, "FR"),
    contact: {
      name: settings.contact.name ?? null,
      email: settings.contact.email ?? null,
      phone: settings.contact.phone ?? null,
      website: settings.contact.website ?? null,
    },
    electronicAddress,
    vatFranchise: settings.vatFranchise,
    vatOnDebits: settings.vatOnDebits,
  };
}

export function buyerParty(details: BuyerDetails | null, sellerCountry: string): BuyerParty {
  if (details === null) {
    return {
      kind: "consumer",
      name: WALK_IN_CUSTOMER,
      siren: null,
      siret: null,
      vatNumber: null,
      address: address(undefined, sellerCountry),
      contact: { name: null, email: null, phone: null, website: null },
      electronicAddress: null,
      reference: null,
    };
  }
  const siren =
    details.siren ??
    details.siret?.slice(0, 9) ??
    (details.vatNumber ? sirenOfFrenchVatNumber(details.vatNumber) : null) ??
    null;
  const business = siren !== null || details.vatNumber !== undefined;
  const email = details.contact.email ?? null;
  const electronicAddress: ElectronicAddress | null =
    details.electronicAddress ??
    (siren !== null
      ? { scheme: FRENCH_DIRECTORY_SCHEME, value: siren }
      : email !== null
        ? { scheme: "EM", value: email }
        : null);
  return {
    kind: business ? "business" : "consumer",
    name: details.name,
    siren,
    siret: details.siret ?? null,
    vatNumber: details.vatNumber ?? null,
    address: address(details.address, sellerCountry),
    contact: {
      name: details.contact.name ?? null,
      email,
      phone: details.contact.phone ?? null,
      website: details.contact.website ?? null,
    },
    electronicAddress,
    reference: details.reference ?? null,
  };
}
