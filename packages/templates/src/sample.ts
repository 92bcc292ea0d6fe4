import { Decimal, VatRate } from "@comptoir/api-client";
import type { Contact, Invoice, InvoiceLine } from "./model/index.ts";
import { STANDARD_LATE_PENALTY } from "./model/invoice.ts";

const d = (value: string) => Decimal.parse(value);
const standard = (percent: string) => ({ code: "S" as const, rate: VatRate.fromPercent(percent) });
const noContact: Contact = { name: null, email: null, phone: null, website: null };

function line(
  fields: Partial<InvoiceLine> &
    Pick<
      InvoiceLine,
      "id" | "name" | "quantity" | "netPrice" | "netAmount" | "grossAmount" | "vat"
    >,
): InvoiceLine {
  return {
    description: null,
    sellerItemId: null,
    gtin: null,
    barcode: null,
    unitCode: "C62",
    grossPrice: null,
    priceDiscount: null,
    discountPercent: null,
    sourceLineId: null,
    ...fields,
  };
}

/**
 * A representative invoice for previews: a business buyer, two VAT rates, a POS discount, 30-day
 * terms and bank details. Its amounts satisfy EN 16931 (it is built like a real one would be).
 */
export function sampleInvoice(): Invoice {
  return {
    typeCode: "380",
    number: "F2026-000042",
    issueDate: "2026-03-16",
    currency: "EUR",
    businessProcess: "B1",
    market: "B2B",
    vatTreatment: "domestic",
    deliveryDate: "2026-03-14",
    seller: {
      name: "Comptoir des Canuts",
      tradingName: "Les Canuts",
      legalForm: "SAS",
      shareCapital: d("10000.00"),
      siren: "732829320",
      siret: "73282932000074",
      registry: { kind: "RCS", city: "Lyon" },
      vatNumber: "FR44732829320",
      taxRegistrationId: null,
      address: { lines: ["12 rue Mercière"], postcode: "69002", city: "Lyon", countryCode: "FR" },
      contact: {
        name: null,
        email: "contact@canuts.example",
        phone: "+33 4 78 00 00 00",
        website: null,
      },
      electronicAddress: { scheme: "0225", value: "732829320" },
      vatFranchise: false,
      vatOnDebits: false,
    },
    buyer: {
      kind: "business",
      name: "Atelier Jacquard SARL",
      siren: "542107651",
      siret: null,
      vatNumber: "FR13542107651",
      address: {
        lines: ["3 place des Terreaux"],
        postcode: "69001",
        city: "Lyon",
        countryCode: "FR",
      },
      contact: { ...noContact, email: "compta@jacquard.example" },
      electronicAddress: { scheme: "0225", value: "542107651" },
      reference: "PO-2026-17",
    },
    lines: [
      line({
        id: "1",
        name: "Écharpe en soie tissée",
        description: "Bleu nuit",
        sellerItemId: "311",
        gtin: "3760123456787",
        barcode: "3760123456787",
        quantity: d("1"),
        netPrice: d("74.17"),
        grossPrice: d("82.50"),
        priceDiscount: d("8.33"),
        discountPercent: d("10.10"),
        netAmount: d("74.17"),
        grossAmount: d("89.00"),
        vat: standard("20"),
      }),
      line({
        id: "2",
        name: "Carnet de croquis A5",
        sellerItemId: "54",
        quantity: d("3"),
        netPrice: d("10.416667"),
        netAmount: d("31.25"),
        grossAmount: d("37.50"),
        vat: standard("20"),
      }),
      line({
        id: "3",
        name: "Coussin brodé",
        description: "40 × 40 cm",
        sellerItemId: "77-2",
        quantity: d("1"),
        netPrice: d("37.50"),
        netAmount: d("37.50"),
        grossAmount: d("45.00"),
        vat: standard("20"),
      }),
      line({
        id: "4",
        name: "Livre « Les Canuts de Lyon »",
        sellerItemId: "902",
        quantity: d("1"),
        netPrice: d("22.75"),
        netAmount: d("22.75"),
        grossAmount: d("24.00"),
        vat: standard("5.5"),
      }),
      line({
        id: "5",
        name: "Thé noir de Ceylan (100 g)",
        sellerItemId: "615",
        quantity: d("2"),
        netPrice: d("6.54"),
        netAmount: d("13.08"),
        grossAmount: d("13.80"),
        vat: standard("5.5"),
      }),
    ],
    vatBreakdown: [
      {
        category: standard("20"),
        taxableAmount: d("142.92"),
        taxAmount: d("28.58"),
        exemptionReason: null,
        exemptionReasonCode: null,
      },
      {
        category: standard("5.5"),
        taxableAmount: d("35.83"),
        taxAmount: d("1.97"),
        exemptionReason: null,
        exemptionReasonCode: null,
      },
    ],
    totals: {
      lineTotal: d("178.75"),
      taxExclusive: d("178.75"),
      taxTotal: d("30.55"),
      taxInclusive: d("209.30"),
      paid: d("0.00"),
      rounding: d("0.00"),
      due: d("209.30"),
    },
    payments: [],
    paymentTerms: {
      dueDate: "2026-04-15",
      days: 30,
      latePenalty: STANDARD_LATE_PENALTY,
      recoveryIndemnity: d("40.00"),
      earlyPaymentDiscount: null,
    },
    bankAccount: { iban: "FR7630006000011234567890189", bic: "AGRIFRPP", holder: null },
    precedingInvoice: null,
    creditReason: null,
    sale: {
      saleId: 1042,
      uniqueId: "2026-03-1-1042",
      completedAt: "2026-03-14T16:02:11",
      storeId: 1,
    },
    notes: [
      {
        subject: "PMT",
        content:
          "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40,00 €",
      },
      { subject: "PMD", content: `Pénalités de retard : ${STANDARD_LATE_PENALTY}` },
      { subject: "AAB", content: "Pas d'escompte pour paiement anticipé" },
      { subject: "BAR", content: "B2B" },
      { subject: null, content: "Merci de votre confiance." },
    ],
  };
}
