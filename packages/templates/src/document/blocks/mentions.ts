import type { Content } from "pdfmake/interfaces";
import type { LabelKey } from "../../labels/keys.ts";
import { STANDARD_LATE_PENALTY } from "../../model/index.ts";
import type { DocumentContext } from "../context.ts";

const EXEMPTION_LABELS: Readonly<Record<string, LabelKey>> = {
  "VATEX-FR-FRANCHISE": "exemptionFranchise",
  "VATEX-EU-AE": "exemptionReverseCharge",
  "VATEX-FR-AE": "exemptionReverseCharge",
  "VATEX-EU-IC": "exemptionIntraCommunity",
  "VATEX-EU-G": "exemptionExport",
};

/** Mandatory legal mentions: VAT exemption wording, and for businesses the payment conditions. */
export function mentionLines(ctx: DocumentContext): string[] {
  const { invoice } = ctx;
  const lines: string[] = [];
  const exemptions = new Set<string>();
  for (const entry of invoice.vatBreakdown) {
    if (entry.category.code === "S") continue;
    const key = entry.exemptionReasonCode ? EXEMPTION_LABELS[entry.exemptionReasonCode] : undefined;
    const text = key ? ctx.labelText(key) : entry.exemptionReason;
    if (text) exemptions.add(text);
  }
  lines.push(...exemptions);
  if (invoice.seller.vatOnDebits) lines.push(ctx.labelText("vatOnDebits"));
  // Payment conditions are mandatory between businesses (Code de commerce L441-9, L441-10, D441-5).
  if (invoice.market !== "B2C") {
    const terms = invoice.paymentTerms;
    lines.push(
      terms.earlyPaymentDiscount
        ? ctx.labelText("earlyPaymentDiscount", { terms: terms.earlyPaymentDiscount })
        : ctx.labelText("noEarlyPaymentDiscount"),
    );
    const rate =
      terms.latePenalty === STANDARD_LATE_PENALTY
        ? ctx.labelText("latePenaltyStandardRate")
        : terms.latePenalty;
    lines.push(ctx.labelText("latePenalties", { rate }));
    lines.push(ctx.labelText("recoveryIndemnity", { amount: ctx.money(terms.recoveryIndemnity) }));
  }
  return lines;
}

export function mentionsBlock(ctx: DocumentContext): Content {
  return {
    stack: mentionLines(ctx).map((line) => ({ text: ctx.t(line, "mentions"), style: "mention" })),
    margin: [0, 8, 0, 0],
  };
}

/** Free notes given at issuance (the legal notes are drawn from structured data instead). */
export function notesBlock(ctx: DocumentContext): Content | null {
  if (!ctx.look.blocks.notes) return null;
  const notes = ctx.invoice.notes.filter((note) => note.subject === null);
  if (notes.length === 0) return null;
  return {
    stack: [
      { text: ctx.label("notesTitle", {}, "bold"), bold: true },
      ...notes.map((note) => ({ text: ctx.t(note.content, "notes") })),
    ],
    margin: [0, 8, 0, 0],
  };
}

/** A QR code of the invoice's download link, when one is given. */
export function qrBlock(ctx: DocumentContext): Content | null {
  if (!ctx.look.blocks.qrCode || !ctx.qrLink) return null;
  return {
    stack: [
      {
        qr: ctx.qrLink,
        fit: 72,
        eccLevel: "M",
        foreground: ctx.look.colors.text,
        alignment: "right",
      },
      { text: ctx.label("qrCaption"), style: "muted", alignment: "right", margin: [0, 2, 0, 0] },
    ],
  };
}
