import type { BuyerParty, Contact, PostalAddress, SellerParty } from "@comptoir/templates";
import { formatEuros } from "../build/notes.ts";
import { el, text, type XmlElement } from "./xml.ts";

/** BT-33 in French: "SAS au capital de 10 000,00 € — RCS Lyon 123 456 789". */
export function sellerLegalInfo(seller: SellerParty): string | null {
  const parts: string[] = [];
  if (seller.legalForm) {
    parts.push(
      seller.shareCapital
        ? `${seller.legalForm} au capital de ${formatEuros(seller.shareCapital)}`
        : seller.legalForm,
    );
  }
  if (seller.registry && seller.siren) {
    parts.push(
      `${seller.registry.kind} ${seller.registry.city} ${seller.siren.replace(/(\d{3})(?=\d)/g, "$1 ")}`,
    );
  }
  return parts.length > 0 ? parts.join(" - ") : null;
}

function contact(value: Contact): XmlElement | null {
  if (!value.name && !value.phone && !value.email) return null;
  return el(
    "ram:DefinedTradeContact",
    text("ram:PersonName", value.name),
    value.phone
      ? el("ram:TelephoneUniversalCommunication", text("ram:CompleteNumber", value.phone))
      : null,
    value.email ? el("ram:EmailURIUniversalCommunication", text("ram:URIID", value.email)) : null,
  );
}

export function postalAddress(address: PostalAddress): XmlElement {
  return el(
    "ram:PostalTradeAddress",
    text("ram:PostcodeCode", address.postcode),
    text("ram:LineOne", address.lines[0]),
    text("ram:LineTwo", address.lines[1]),
    text("ram:LineThree", address.lines[2]),
    text("ram:CityName", address.city),
    text("ram:CountryID", address.countryCode),
  );
}

export function sellerParty(seller: SellerParty): XmlElement {
  return el(
    "ram:SellerTradeParty",
    text("ram:GlobalID", seller.siret, { schemeID: "0009" }),
    text("ram:Name", seller.name),
    text("ram:Description", sellerLegalInfo(seller)),
    seller.siren
      ? el(
          "ram:SpecifiedLegalOrganization",
          text("ram:ID", seller.siren, { schemeID: "0002" }),
          text("ram:TradingBusinessName", seller.tradingName),
        )
      : null,
    contact(seller.contact),
    postalAddress(seller.address),
    seller.electronicAddress
      ? el(
          "ram:URIUniversalCommunication",
          text("ram:URIID", seller.electronicAddress.value, {
            schemeID: seller.electronicAddress.scheme,
          }),
        )
      : null,
    seller.vatNumber
      ? el("ram:SpecifiedTaxRegistration", text("ram:ID", seller.vatNumber, { schemeID: "VA" }))
      : null,
    seller.taxRegistrationId
      ? el(
          "ram:SpecifiedTaxRegistration",
          text("ram:ID", seller.taxRegistrationId, { schemeID: "FC" }),
        )
      : null,
  );
}

export function buyerParty(buyer: BuyerParty): XmlElement {
  return el(
    "ram:BuyerTradeParty",
    text("ram:GlobalID", buyer.siret, { schemeID: "0009" }),
    text("ram:Name", buyer.name),
    buyer.siren
      ? el("ram:SpecifiedLegalOrganization", text("ram:ID", buyer.siren, { schemeID: "0002" }))
      : null,
    contact(buyer.contact),
    postalAddress(buyer.address),
    buyer.electronicAddress
      ? el(
          "ram:URIUniversalCommunication",
          text("ram:URIID", buyer.electronicAddress.value, {
            schemeID: buyer.electronicAddress.scheme,
          }),
        )
      : null,
    buyer.vatNumber
      ? el("ram:SpecifiedTaxRegistration", text("ram:ID", buyer.vatNumber, { schemeID: "VA" }))
      : null,
  );
}
