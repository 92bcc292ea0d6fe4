import { Decimal } from "@comptoir/api-client";
import { z } from "zod";
import {
  compactIdentifier,
  ibanProblem,
  isValidBic,
  isValidSiren,
  isValidSiret,
  vatNumberProblem,
} from "./check-digits.ts";
import { toCountryCode } from "./countries.ts";

/** Zod fields shared by the seller and buyer schemas, each with a message that says how to fix it. */

const blankToUndefined = (value: string | undefined) => (value === "" ? undefined : value);

export const requiredText = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`);

/** An optional text field where "" means absent. */
export const optionalText = z.string().trim().optional().transform(blankToUndefined);

export const sirenField = z
  .string({ error: "the SIREN is required (9 digits)" })
  .transform(compactIdentifier)
  .refine((value) => /^\d{9}$/.test(value), "a SIREN has exactly 9 digits")
  .refine(isValidSiren, "this SIREN fails its check digit (Luhn): look for a typing error");

export const siretField = z
  .string()
  .transform(compactIdentifier)
  .refine((value) => /^\d{14}$/.test(value), "a SIRET has exactly 14 digits (SIREN + 5)")
  .refine(isValidSiret, "this SIRET fails its check digit (Luhn): look for a typing error");

const VAT_PROBLEMS = {
  format: "a VAT number is a 2-letter country prefix followed by 2 to 13 letters or digits",
  siren: "the SIREN inside this French VAT number fails its check digit",
  key: "the key of this French VAT number does not match its SIREN (FR + key + SIREN)",
} as const;

export const vatNumberField = z
  .string()
  .transform(compactIdentifier)
  .superRefine((value, context) => {
    const problem = vatNumberProblem(value);
    if (problem) context.addIssue({ code: "custom", message: VAT_PROBLEMS[problem] });
  });

const IBAN_PROBLEMS = {
  format: "an IBAN starts with a country code and 2 check digits (FR76…)",
  length: "this IBAN does not have the length of its country",
  checksum: "this IBAN fails its check digits (mod 97): look for a typing error",
} as const;

export const ibanField = z
  .string({ error: "the IBAN is required when bank details are given" })
  .transform(compactIdentifier)
  .superRefine((value, context) => {
    const problem = ibanProblem(value);
    if (problem) context.addIssue({ code: "custom", message: IBAN_PROBLEMS[problem] });
  });

export const bicField = z
  .string()
  .transform(compactIdentifier)
  .refine(isValidBic, "a BIC has 8 or 11 characters: bank (4 letters), country, location, branch");

export const countryField = z
  .string()
  .default("FR")
  .transform((value, context) => {
    const code = toCountryCode(value);
    if (code === undefined) {
      context.addIssue({
        code: "custom",
        message: `unknown country "${value}": use ISO codes such as FR`,
      });
      return z.NEVER;
    }
    return code;
  });

export const moneyField = z.union([z.string(), z.number()]).transform((value, context) => {
  const decimal = Decimal.tryParse(
    typeof value === "string" ? value.replace(",", ".").replace(/\s/g, "") : value,
  );
  if (decimal === undefined || decimal.isNegative() || decimal.normalize().scale > 2) {
    context.addIssue({ code: "custom", message: 'an amount such as "10000" or "7500.50"' });
    return z.NEVER;
  }
  return decimal.round(2);
});

export const addressSchema = z.object({
  lines: z
    .array(z.string().trim().min(1, "an address line cannot be empty"))
    .min(1, "at least one street line is required")
    .max(3, "at most three street lines"),
  postcode: optionalText,
  city: optionalText,
  countryCode: countryField,
});

export const contactSchema = z
  .object({
    name: optionalText,
    email: z
      .string()
      .trim()
      .optional()
      .refine(
        (value) => !value || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
        "not an e-mail address",
      )
      .transform(blankToUndefined),
    phone: optionalText,
    website: optionalText,
  })
  .prefault({});

/** BT-34/BT-49 values: letters, digits and + - _ . only (BR-FR-23), 125 characters at most. */
export const electronicAddressSchema = z.object({
  scheme: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{2,4}$/, 'an EAS scheme code such as "0225" or "EM"'),
  value: z
    .string()
    .trim()
    .min(1, "the electronic address is required")
    .max(125, "125 characters at most"),
});
