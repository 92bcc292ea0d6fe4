import type { Customer, CustomerAddress } from "@comptoir/api-client";
import { z } from "zod";
import { sirenOfFrenchVatNumber } from "./check-digits.ts";
import {
  addressSchema,
  contactSchema,
  electronicAddressSchema,
  optionalText,
  requiredText,
  sirenField,
  siretField,
  vatNumberField,
} from "./fields.ts";
import { type ParseResult, toFieldIssues } from "./seller-settings.ts";

/**
 * The buyer as given at issuance: from the POS customer, or typed at the till for a walk-in
 * customer. A buyer with a SIREN, a SIRET or a VAT number is a business.
 */
export const buyerDetailsSchema = z
  .object({
    name: requiredText("the buyer's name"),
    siren: sirenField.optional(),
    siret: siretField.optional(),
    vatNumber: vatNumberField.optional(),
    address: addressSchema.optional(),
    contact: contactSchema,
    electronicAddress: electronicAddressSchema.optional(),
    reference: optionalText,
  })
  .superRefine((buyer, context) => {
    if (buyer.siren && buyer.siret && !buyer.siret.startsWith(buyer.siren)) {
      context.addIssue({
        code: "custom",
        path: ["siret"],
        message: "the SIRET must start with the SIREN",
      });
    }
    const fromVat = buyer.vatNumber ? sirenOfFrenchVatNumber(buyer.vatNumber) : null;
    if (buyer.siren && fromVat && fromVat !== buyer.siren) {
      context.addIssue({
        code: "custom",
        path: ["vatNumber"],
        message: "a French VAT number must contain the buyer's SIREN",
      });
    }
  });

export type BuyerDetailsInput = z.input<typeof buyerDetailsSchema>;
export type BuyerDetails = z.output<typeof buyerDetailsSchema>;

export function parseBuyerDetails(input: unknown): ParseResult<BuyerDetails> {
  const result = buyerDetailsSchema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: toFieldIssues(result.error) };
}

function joinName(...parts: (string | null)[]): string {
  return parts.filter((part) => part !== null && part.trim() !== "").join(" ");
}

function splitStreet(street: string | null): string[] {
  if (street === null) return [];
  return street
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .slice(0, 3);
}

/**
 * Buyer details from a POS customer and, when the sale names one, its billing address. The
 * result still goes through `parseBuyerDetails` (or `buildInvoice`), which checks it.
 */
export function buyerDetailsFromCustomer(
  customer: Customer,
  billingAddress?: CustomerAddress | null,
): BuyerDetailsInput {
  const address = billingAddress ?? null;
  const company = address?.company ?? customer.company;
  const person = joinName(
    address?.firstName ?? customer.firstName,
    address?.lastName ?? customer.lastName,
  );
  const lines = splitStreet(address?.street ?? null);
  return {
    name: company ?? person,
    vatNumber: customer.vatNumber ?? undefined,
    address:
      lines.length > 0
        ? {
            lines,
            postcode: address?.zipCode ?? undefined,
            city: address?.city ?? undefined,
            countryCode: address?.country ?? customer.country ?? "FR",
          }
        : undefined,
    contact: {
      name: company !== null && person !== "" ? person : undefined,
      email: address?.email ?? customer.email ?? undefined,
      phone: address?.phone ?? customer.phone ?? undefined,
    },
  };
}
