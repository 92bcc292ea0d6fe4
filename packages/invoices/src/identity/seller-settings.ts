import { STANDARD_LATE_PENALTY } from "@comptoir/templates";
import { z } from "zod";
import { sirenOfFrenchVatNumber } from "./check-digits.ts";
import {
  addressSchema,
  bicField,
  contactSchema,
  electronicAddressSchema,
  ibanField,
  moneyField,
  optionalText,
  requiredText,
  sirenField,
  siretField,
  vatNumberField,
} from "./fields.ts";

/** Legal forms of companies, whose share capital is a mandatory mention (Code de commerce R123-238). */
const COMPANY_FORMS = new Set([
  "SA",
  "SAS",
  "SASU",
  "SARL",
  "EURL",
  "SNC",
  "SCS",
  "SCA",
  "SE",
  "SCOP",
  "SELARL",
  "SELAS",
  "SELAFA",
  "SELCA",
  "SCI",
  "SCP",
  "SCM",
  "SEM",
  "SARL SCOP",
  "SAS SCOP",
]);

/** Wording of the rate the Code de commerce (L441-10) applies by default: ECB rate + 10 points. */
export const DEFAULT_LATE_PENALTY = STANDARD_LATE_PENALTY;

const paymentTermsSchema = z
  .object({
    /** Days after issue; 0 = payable on receipt. L441-10 caps it at 60 days. */
    days: z
      .number({ error: "payment terms are a number of days" })
      .int("payment terms are a whole number of days")
      .min(0, "payment terms cannot be negative")
      .max(60, "payment terms cannot exceed 60 days after issue (Code de commerce L441-10)")
      .default(0),
    latePenalty: z
      .string()
      .trim()
      .min(1, "the late-penalty wording cannot be empty")
      .default(DEFAULT_LATE_PENALTY),
    /** Early-payment discount conditions; absent = "no discount for early payment". */
    earlyPaymentDiscount: optionalText,
  })
  .prefault({});

/**
 * The seller's legal identity and payment conditions, per account. Parse with
 * `parseSellerSettings`, which reports every problem with the field it belongs to; the checks
 * across fields (SIRET vs SIREN, share capital of a company…) run once each field is valid.
 */
export const sellerSettingsSchema = z
  .object({
    legalName: requiredText("the legal name (company name, or first and last name followed by EI)"),
    tradingName: optionalText,
    legalForm: optionalText,
    shareCapital: moneyField.optional(),
    siren: sirenField,
    siret: siretField.optional(),
    registry: z
      .object({
        kind: z.enum(["RCS", "RM"], {
          error: 'the registry is "RCS" (traders) or "RM" (craftspeople)',
        }),
        city: requiredText("the registry city (RCS Lyon)"),
      })
      .optional(),
    vatNumber: vatNumberField.optional(),
    /** BT-32, for a seller under the VAT franchise without a VAT number. */
    taxRegistrationId: optionalText,
    /** Franchise en base de TVA (CGI art. 293 B): invoices carry no VAT. */
    vatFranchise: z.boolean().default(false),
    vatOnDebits: z.boolean().default(false),
    /** What the shop sells: sets the French BT-23 framework (B goods, S services, M both). */
    operationNature: z.enum(["goods", "services", "mixed"]).default("goods"),
    address: addressSchema,
    contact: contactSchema,
    electronicAddress: electronicAddressSchema.optional(),
    bank: z.object({ iban: ibanField, bic: bicField.optional(), holder: optionalText }).optional(),
    paymentTerms: paymentTermsSchema,
  })
  .superRefine((seller, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: "custom", path: [path], message });
    const form = seller.legalForm?.toUpperCase();
    if (form !== undefined && COMPANY_FORMS.has(form) && seller.shareCapital === undefined) {
      issue("shareCapital", `the share capital is a mandatory mention for a ${seller.legalForm}`);
    }
    if (form === "EI" && !/\b(EI|entrepreneur individuel)\b/i.test(seller.legalName)) {
      issue("legalName", 'a sole trader\'s name must include "EI" or "entrepreneur individuel"');
    }
    if (seller.siret !== undefined && !seller.siret.startsWith(seller.siren)) {
      issue("siret", "the SIRET must start with the SIREN");
    }
    if (
      seller.vatNumber?.startsWith("FR") &&
      sirenOfFrenchVatNumber(seller.vatNumber) !== seller.siren
    ) {
      issue("vatNumber", "a French VAT number must contain the seller's SIREN");
    }
    if (!seller.vatFranchise && seller.vatNumber === undefined) {
      issue(
        "vatNumber",
        "the VAT number is mandatory unless the seller is under the VAT franchise (art. 293 B)",
      );
    }
  });

export type SellerSettingsInput = z.input<typeof sellerSettingsSchema>;
export type SellerSettings = z.output<typeof sellerSettingsSchema>;

export interface FieldIssue {
  /** Dotted path of the field: "siren", "address.countryCode", "bank.iban". */
  readonly path: string;
  readonly message: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/** Validates seller settings; every problem comes back at once, with its field. */
export function parseSellerSettings(input: unknown): ParseResult<SellerSettings> {
  const result = sellerSettingsSchema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: toFieldIssues(result.error) };
}
