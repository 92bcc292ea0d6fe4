import type { Money } from "@comptoir/api-client";
import type {
  InvoiceMarket,
  InvoiceNote,
  InvoiceReference,
  PaymentTerms,
} from "@comptoir/templates";

/** The flat recovery indemnity of Code de commerce D441-5. */
export const RECOVERY_INDEMNITY_EUR = "40.00";

export function formatEuros(amount: Money): string {
  const [whole = "0", fraction = "00"] = amount.toFixed(2).split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${fraction} €`;
}

/** "2026-03-14" → "14/03/2026". */
export function frenchDate(date: string): string {
  const [year, month, day] = date.slice(0, 10).split("-");
  return `${day}/${month}/${year}`;
}

export interface NoteFacts {
  readonly terms: PaymentTerms;
  readonly market: InvoiceMarket;
  readonly vatOnDebits: boolean;
  readonly preceding: InvoiceReference | null;
  readonly creditReason: string | null;
  readonly extra: readonly string[];
}

/**
 * BG-1 in French: the B2B payment mentions (PMT indemnity, PMD penalties, AAB early-payment
 * discount) that the French CTC rules require, the BAR market note, and the others.
 */
export function legalNotes(facts: NoteFacts): InvoiceNote[] {
  const { terms } = facts;
  const notes: InvoiceNote[] = [
    {
      subject: "PMT",
      content: `Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : ${formatEuros(terms.recoveryIndemnity)}`,
    },
    { subject: "PMD", content: `Pénalités de retard : ${terms.latePenalty}` },
    {
      subject: "AAB",
      content: terms.earlyPaymentDiscount ?? "Pas d'escompte pour paiement anticipé",
    },
    { subject: "BAR", content: facts.market },
  ];
  if (facts.vatOnDebits) {
    notes.push({
      subject: "AAI",
      content: "Option pour le paiement de la taxe d'après les débits",
    });
  }
  if (facts.preceding !== null) {
    const reason = facts.creditReason ? ` Motif : ${facts.creditReason}` : "";
    notes.push({
      subject: "AAI",
      content: `Avoir se rapportant à la facture n° ${facts.preceding.number} du ${frenchDate(facts.preceding.issueDate)}.${reason}`,
    });
  }
  for (const text of facts.extra) notes.push({ subject: null, content: text });
  return notes;
}
