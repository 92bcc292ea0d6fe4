import type { Decimal, LocalDate } from "@comptoir/api-client";
import type {
  Invoice,
  InvoiceLine,
  PaymentMeansCode,
  PaymentRecord,
  VatBreakdownEntry,
} from "@comptoir/templates";
import { frenchDate } from "../build/notes.ts";
import { buyerParty, postalAddress, sellerParty } from "./parties.ts";
import { el, elAttrs, serializeXml, text, type XmlElement } from "./xml.ts";

const NAMESPACES = {
  "xmlns:rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
  "xmlns:qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
  "xmlns:ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
  "xmlns:udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
};

/** BT-24 of the Factur-X EN 16931 (COMFORT) profile. */
export const EN16931_GUIDELINE = "urn:cen.eu:en16931:2017";

const MEANS_LABEL: Partial<Record<PaymentMeansCode, string>> = {
  "10": "Espèces",
  "20": "Chèque",
  "48": "Carte bancaire",
  "58": "Virement SEPA",
  "59": "Prélèvement SEPA",
  "97": "Compensation",
};

/** "2026-03-14" → "20260314" (format 102). */
function date102(date: LocalDate): string {
  return date.slice(0, 10).replace(/-/g, "");
}

function dateTime(name: string, date: LocalDate, type: "udt" | "qdt" = "udt"): XmlElement {
  return el(name, text(`${type}:DateTimeString`, date102(date), { format: "102" }));
}

function amount(value: Decimal): string {
  return value.toFixed(2);
}

/** Prices and quantities as exact as they are, without trailing zeros beyond what they carry. */
function plain(value: Decimal): string {
  return value.toString();
}

function percent(entry: { readonly rate: { readonly percent: Decimal } }): string {
  return entry.rate.percent.normalize().toString();
}

function lineItem(line: InvoiceLine): XmlElement {
  const discount = line.grossPrice !== null && line.priceDiscount !== null;
  return el(
    "ram:IncludedSupplyChainTradeLineItem",
    el("ram:AssociatedDocumentLineDocument", text("ram:LineID", line.id)),
    el(
      "ram:SpecifiedTradeProduct",
      text("ram:GlobalID", line.gtin, { schemeID: "0160" }),
      text("ram:SellerAssignedID", line.sellerItemId),
      text("ram:Name", line.name),
      text("ram:Description", line.description),
    ),
    el(
      "ram:SpecifiedLineTradeAgreement",
      discount && line.grossPrice && line.priceDiscount
        ? el(
            "ram:GrossPriceProductTradePrice",
            text("ram:ChargeAmount", plain(line.grossPrice)),
            el(
              "ram:AppliedTradeAllowanceCharge",
              el("ram:ChargeIndicator", text("udt:Indicator", "false")),
              text("ram:ActualAmount", plain(line.priceDiscount)),
            ),
          )
        : null,
      el("ram:NetPriceProductTradePrice", text("ram:ChargeAmount", plain(line.netPrice))),
    ),
    el(
      "ram:SpecifiedLineTradeDelivery",
      text("ram:BilledQuantity", plain(line.quantity), { unitCode: line.unitCode }),
    ),
    el(
      "ram:SpecifiedLineTradeSettlement",
      el(
        "ram:ApplicableTradeTax",
        text("ram:TypeCode", "VAT"),
        text("ram:CategoryCode", line.vat.code),
        text("ram:RateApplicablePercent", percent(line.vat)),
      ),
      el(
        "ram:SpecifiedTradeSettlementLineMonetarySummation",
        text("ram:LineTotalAmount", amount(line.netAmount)),
      ),
    ),
  );
}

function tradeTax(entry: VatBreakdownEntry, vatOnDebits: boolean): XmlElement {
  return el(
    "ram:ApplicableTradeTax",
    text("ram:CalculatedAmount", amount(entry.taxAmount)),
    text("ram:TypeCode", "VAT"),
    text("ram:ExemptionReason", entry.exemptionReason),
    text("ram:BasisAmount", amount(entry.taxableAmount)),
    text("ram:CategoryCode", entry.category.code),
    text("ram:ExemptionReasonCode", entry.exemptionReasonCode),
    // BT-8 code 5 = VAT due on the invoice date: the "paiement d'après les débits" option.
    vatOnDebits && entry.category.code === "S" ? text("ram:DueDateTypeCode", "5") : null,
    text("ram:RateApplicablePercent", percent(entry.category)),
  );
}

function paymentTermsText(invoice: Invoice): string {
  const { totals, paymentTerms } = invoice;
  const settled = totals.due.isZero() && !totals.paid.isZero();
  if (settled) {
    const when = paymentTerms.dueDate ? ` le ${frenchDate(paymentTerms.dueDate)}` : "";
    return invoice.typeCode === "381" ? `Avoir remboursé${when}` : `Facture acquittée${when}`;
  }
  if (invoice.typeCode === "381") return "Montant à déduire ou à rembourser";
  return paymentTerms.days === 0 ? "Paiement à réception" : `Paiement à ${paymentTerms.days} jours`;
}

/**
 * BG-16. EN 16931 allows one payment means per invoice (CII-SR-467/468), so: a credit transfer
 * to the seller's IBAN while something is due, otherwise how most of it was paid.
 */
function paymentMeans(invoice: Invoice): XmlElement | null {
  const bank = invoice.bankAccount;
  if (bank && !invoice.totals.due.isZero()) {
    return el(
      "ram:SpecifiedTradeSettlementPaymentMeans",
      text("ram:TypeCode", "58"),
      text("ram:Information", MEANS_LABEL["58"]),
      el(
        "ram:PayeePartyCreditorFinancialAccount",
        text("ram:IBANID", bank.iban),
        text("ram:AccountName", bank.holder),
      ),
      bank.bic
        ? el("ram:PayeeSpecifiedCreditorFinancialInstitution", text("ram:BICID", bank.bic))
        : null,
    );
  }
  const main = invoice.payments.reduce<PaymentRecord | null>(
    (best, payment) => (best === null || payment.amount.compare(best.amount) > 0 ? payment : best),
    null,
  );
  // BR-61: a credit transfer names the payee's account; without one, leave the means out.
  if (main === null || main.means === "30" || main.means === "58") return null;
  return el(
    "ram:SpecifiedTradeSettlementPaymentMeans",
    text("ram:TypeCode", main.means),
    text("ram:Information", MEANS_LABEL[main.means] ?? main.posCode),
  );
}

function settlement(invoice: Invoice): XmlElement {
  const { totals, paymentTerms } = invoice;
  return el(
    "ram:ApplicableHeaderTradeSettlement",
    totals.due.isZero() ? null : text("ram:PaymentReference", invoice.number),
    text("ram:InvoiceCurrencyCode", invoice.currency),
    paymentMeans(invoice),
    invoice.vatBreakdown.map((entry) => tradeTax(entry, invoice.seller.vatOnDebits)),
    el(
      "ram:SpecifiedTradePaymentTerms",
      text("ram:Description", paymentTermsText(invoice)),
      paymentTerms.dueDate ? dateTime("ram:DueDateDateTime", paymentTerms.dueDate) : null,
    ),
    el(
      "ram:SpecifiedTradeSettlementHeaderMonetarySummation",
      text("ram:LineTotalAmount", amount(totals.lineTotal)),
      text("ram:TaxBasisTotalAmount", amount(totals.taxExclusive)),
      text("ram:TaxTotalAmount", amount(totals.taxTotal), { currencyID: invoice.currency }),
      totals.rounding.isZero() ? null : text("ram:RoundingAmount", amount(totals.rounding)),
      text("ram:GrandTotalAmount", amount(totals.taxInclusive)),
      text("ram:TotalPrepaidAmount", amount(totals.paid)),
      text("ram:DuePayableAmount", amount(totals.due)),
    ),
    invoice.precedingInvoice
      ? el(
          "ram:InvoiceReferencedDocument",
          text("ram:IssuerAssignedID", invoice.precedingInvoice.number),
          dateTime("ram:FormattedIssueDateTime", invoice.precedingInvoice.issueDate, "qdt"),
        )
      : null,
  );
}

/**
 * The Factur-X 1.09 EN 16931 profile CII XML of an invoice. Deterministic: the same invoice gives
 * the same bytes.
 */
export function renderFacturXml(invoice: Invoice): string {
  const intraCommunity = invoice.vatBreakdown.some((entry) => entry.category.code === "K");
  const root = elAttrs(
    "rsm:CrossIndustryInvoice",
    NAMESPACES,
    el(
      "rsm:ExchangedDocumentContext",
      el(
        "ram:BusinessProcessSpecifiedDocumentContextParameter",
        text("ram:ID", invoice.businessProcess),
      ),
      el("ram:GuidelineSpecifiedDocumentContextParameter", text("ram:ID", EN16931_GUIDELINE)),
    ),
    el(
      "rsm:ExchangedDocument",
      text("ram:ID", invoice.number),
      text("ram:TypeCode", invoice.typeCode),
      dateTime("ram:IssueDateTime", invoice.issueDate),
      invoice.notes.map((note) =>
        el(
          "ram:IncludedNote",
          text("ram:Content", note.content),
          text("ram:SubjectCode", note.subject),
        ),
      ),
    ),
    el(
      "rsm:SupplyChainTradeTransaction",
      invoice.lines.map(lineItem),
      el(
        "ram:ApplicableHeaderTradeAgreement",
        text("ram:BuyerReference", invoice.buyer.reference),
        sellerParty(invoice.seller),
        buyerParty(invoice.buyer),
      ),
      el(
        "ram:ApplicableHeaderTradeDelivery",
        // BR-IC-12: an intra-community supply names the country of delivery.
        intraCommunity ? el("ram:ShipToTradeParty", postalAddress(invoice.buyer.address)) : null,
        invoice.deliveryDate
          ? el(
              "ram:ActualDeliverySupplyChainEvent",
              dateTime("ram:OccurrenceDateTime", invoice.deliveryDate),
            )
          : null,
      ),
      settlement(invoice),
    ),
  );
  return serializeXml(root);
}
