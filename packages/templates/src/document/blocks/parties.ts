import type { Content } from "pdfmake/interfaces";
import type { PostalAddress } from "../../model/index.ts";
import type { DocumentContext } from "../context.ts";
import { formatSiren } from "../format.ts";

function addressLines(address: PostalAddress, home: string): string[] {
  const city = [address.postcode, address.city].filter(Boolean).join(" ");
  return [...address.lines, city, address.countryCode !== home ? address.countryCode : ""].filter(
    (line) => line !== "",
  );
}

/** Name, address and contact of the seller (its legal identifiers are in the footer). */
export function sellerBlock(ctx: DocumentContext): Content {
  const { seller } = ctx.invoice;
  const contact = [seller.contact.phone, seller.contact.email, seller.contact.website].filter(
    (value): value is string => value !== null,
  );
  return {
    stack: [
      {
        text: ctx.t(seller.tradingName ?? seller.name, "seller.name", "bold"),
        bold: true,
        fontSize: 11,
      },
      ...(seller.tradingName && seller.tradingName !== seller.name
        ? [{ text: ctx.t(seller.name, "seller.legalName"), style: "muted" }]
        : []),
      ...addressLines(seller.address, seller.address.countryCode).map((line) => ({
        text: ctx.t(line, "seller.address"),
      })),
      ...contact.map((line) => ({ text: ctx.t(line, "seller.contact"), style: "muted" })),
    ],
  };
}

/** "Billed to": the buyer with its identifiers when it is a business. */
export function buyerBlock(ctx: DocumentContext): Content[] {
  const { buyer, seller } = ctx.invoice;
  const identifiers = [
    buyer.siret
      ? `${ctx.labelText("siret")} ${formatSiren(buyer.siret)}`
      : buyer.siren
        ? `${ctx.labelText("siren")} ${formatSiren(buyer.siren)}`
        : null,
    buyer.vatNumber ? `${ctx.labelText("vatNumber")} ${buyer.vatNumber}` : null,
  ].filter((value): value is string => value !== null);
  return [
    { text: ctx.label("billedTo"), style: "caption" },
    { text: ctx.t(buyer.name, "buyer.name", "bold"), bold: true, fontSize: 10 },
    ...(buyer.contact.name ? [{ text: ctx.t(buyer.contact.name, "buyer.contact") }] : []),
    ...addressLines(buyer.address, seller.address.countryCode).map((line) => ({
      text: ctx.t(line, "buyer.address"),
    })),
    ...identifiers.map((line) => ({ text: ctx.t(line, "buyer.identifiers"), style: "muted" })),
  ];
}

/**
 * The seller's mandatory legal identity, printed at the foot of every page: name, legal form and
 * capital, SIREN/SIRET, registry, VAT number.
 */
export function legalLine(ctx: DocumentContext): string {
  const { seller } = ctx.invoice;
  const parts = [seller.name];
  if (seller.legalForm) {
    parts.push(
      seller.shareCapital
        ? ctx.labelText("shareCapital", {
            form: seller.legalForm,
            amount: ctx.money(seller.shareCapital),
          })
        : seller.legalForm,
    );
  }
  if (seller.siret) parts.push(`${ctx.labelText("siret")} ${formatSiren(seller.siret)}`);
  else if (seller.siren) parts.push(`${ctx.labelText("siren")} ${formatSiren(seller.siren)}`);
  if (seller.registry && seller.siren)
    parts.push(`${seller.registry.kind} ${seller.registry.city} ${formatSiren(seller.siren)}`);
  if (seller.vatNumber) parts.push(`${ctx.labelText("vatNumber")} ${seller.vatNumber}`);
  const address = [
    ...seller.address.lines,
    [seller.address.postcode, seller.address.city].filter(Boolean).join(" "),
  ]
    .filter((line) => line !== "")
    .join(", ");
  if (address !== "") parts.push(address);
  return parts.join(" · ");
}
