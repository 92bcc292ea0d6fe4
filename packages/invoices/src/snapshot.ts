import { Decimal, VatRate } from "@comptoir/api-client";
import type { Invoice } from "@comptoir/templates";
import { z } from "zod";

/**
 * The frozen form of an invoice: JSON with exact decimals as strings ("79.50") and VAT rates as
 * percents ("5.5%"). `serializeInvoice` and `parseInvoiceSnapshot` round-trip exactly; the
 * numbering layer stores this next to the PDF and the XML.
 */

export const SNAPSHOT_FORMAT = "comptoir.invoice/1";

const decimal = z.string().transform((value, context) => {
  const parsed = Decimal.tryParse(value);
  if (parsed === undefined) {
    context.addIssue({ code: "custom", message: `not a decimal: ${value}` });
    return z.NEVER;
  }
  return parsed;
});
const rate = z
  .string()
  .regex(/^\d+(\.\d+)?%$/)
  .transform((value) => VatRate.fromPercent(value.slice(0, -1)));
const nullableString = z.string().nullable();
const category = z.object({ code: z.enum(["S", "Z", "E", "AE", "K", "G", "O"]), rate });
const address = z.object({
  lines: z.array(z.string()),
  postcode: nullableString,
  city: nullableString,
  countryCode: z.string(),
});
const contact = z.object({
  name: nullableString,
  email: nullableString,
  phone: nullableString,
  website: nullableString,
});
const electronicAddress = z.object({ scheme: z.string(), value: z.string() }).nullable();

const invoiceSchema = z.object({
  typeCode: z.enum(["380", "381"]),
  number: z.string(),
  issueDate: z.string(),
  currency: z.string(),
  businessProcess: z.enum(["B1", "B2", "S1", "S2", "M1", "M2"]),
  market: z.enum(["B2B", "B2BINT", "B2C"]),
  vatTreatment: z.enum(["domestic", "franchise", "reverse-charge", "intra-community", "export"]),
  deliveryDate: nullableString,
  seller: z.object({
    name: z.string(),
    tradingName: nullableString,
    legalForm: nullableString,
    shareCapital: decimal.nullable(),
    siren: nullableString,
    siret: nullableString,
    registry: z.object({ kind: z.enum(["RCS", "RM"]), city: z.string() }).nullable(),
    vatNumber: nullableString,
    taxRegistrationId: nullableString,
    address,
    contact,
    electronicAddress,
    vatFranchise: z.boolean(),
    vatOnDebits: z.boolean(),
  }),
  buyer: z.object({
    kind: z.enum(["business", "consumer"]),
    name: z.string(),
    siren: nullableString,
    siret: nullableString,
    vatNumber: nullableString,
    address,
    contact,
    electronicAddress,
    reference: nullableString,
  }),
  lines: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: nullableString,
      sellerItemId: nullableString,
      gtin: nullableString,
      barcode: nullableString,
      quantity: decimal,
      unitCode: z.string(),
      netPrice: decimal,
      grossPrice: decimal.nullable(),
      priceDiscount: decimal.nullable(),
      discountPercent: decimal.nullable(),
      netAmount: decimal,
      grossAmount: decimal,
      vat: category,
      sourceLineId: z.number().nullable(),
    }),
  ),
  vatBreakdown: z.array(
    z.object({
      category,
      taxableAmount: decimal,
      taxAmount: decimal,
      exemptionReason: nullableString,
      exemptionReasonCode: nullableString,
    }),
  ),
  totals: z.object({
    lineTotal: decimal,
    taxExclusive: decimal,
    taxTotal: decimal,
    taxInclusive: decimal,
    paid: decimal,
    rounding: decimal,
    due: decimal,
  }),
  payments: z.array(
    z.object({
      means: z.enum([
        "1",
        "10",
        "20",
        "30",
        "42",
        "48",
        "49",
        "54",
        "55",
        "57",
        "58",
        "59",
        "97",
        "ZZZ",
      ]),
      posCode: z.string(),
      amount: decimal,
    }),
  ),
  paymentTerms: z.object({
    dueDate: nullableString,
    days: z.number(),
    latePenalty: z.string(),
    recoveryIndemnity: decimal,
    earlyPaymentDiscount: nullableString,
  }),
  bankAccount: z
    .object({ iban: z.string(), bic: nullableString, holder: nullableString })
    .nullable(),
  precedingInvoice: z.object({ number: z.string(), issueDate: z.string() }).nullable(),
  creditReason: nullableString,
  sale: z
    .object({
      saleId: z.number(),
      uniqueId: nullableString,
      completedAt: nullableString,
      storeId: z.number().nullable(),
    })
    .nullable(),
  notes: z.array(
    z.object({
      subject: z.enum(["PMT", "PMD", "AAB", "BAR", "TXD", "REG", "AAI"]).nullable(),
      content: z.string(),
    }),
  ),
});

/** Deterministic JSON: the same invoice always gives the same text. */
export function serializeInvoice(invoice: Invoice): string {
  return JSON.stringify({ format: SNAPSHOT_FORMAT, invoice });
}

export function parseInvoiceSnapshot(json: string): Invoice {
  const envelope = z
    .object({ format: z.literal(SNAPSHOT_FORMAT), invoice: invoiceSchema })
    .parse(JSON.parse(json));
  return envelope.invoice;
}
