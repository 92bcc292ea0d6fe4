import type { Content } from "pdfmake/interfaces";
import type { LabelKey } from "../../labels/keys.ts";
import type { PaymentMeansCode } from "../../model/index.ts";
import type { DocumentContext } from "../context.ts";
import { formatIban } from "../format.ts";

const MEANS_LABELS: Partial<Record<PaymentMeansCode, LabelKey>> = {
  "10": "paymentCash",
  "20": "paymentCheque",
  "30": "paymentTransfer",
  "48": "paymentCard",
  "58": "paymentTransfer",
  "59": "paymentDirectDebit",
  "97": "paymentSetOff",
};

/** How the invoice was or is to be paid: settlement, due date, bank details. */
export function paymentBlock(ctx: DocumentContext): Content[] {
  const { invoice } = ctx;
  const { totals, paymentTerms } = invoice;
  const settled = totals.due.isZero() && !totals.paid.isZero();
  const lines: Content[] = [
    { text: ctx.label("paymentTitle", {}, "bold"), bold: true, margin: [0, 0, 0, 2] },
  ];
  const due = paymentTerms.dueDate ? ctx.date(paymentTerms.dueDate) : "";
  if (settled) {
    lines.push({ text: ctx.label(ctx.creditNote ? "refundedOn" : "settledOn", { date: due }) });
  } else if (ctx.creditNote) {
    lines.push({ text: ctx.label("creditToDeduct") });
  } else if (!totals.due.isZero()) {
    lines.push({
      text:
        paymentTerms.days === 0
          ? ctx.label("payableOnReceipt", { date: due })
          : ctx.label("payableInDays", { days: paymentTerms.days, date: due }),
    });
  }
  for (const payment of invoice.payments) {
    const key = MEANS_LABELS[payment.means];
    const name = key ? ctx.labelText(key) : payment.posCode;
    const separator = ctx.language === "fr" ? " : " : ": ";
    lines.push({
      text: ctx.t(`${name}${separator}${ctx.money(payment.amount)}`, "payments"),
      style: "muted",
    });
  }
  const bank = invoice.bankAccount;
  if (bank && ctx.look.blocks.paymentDetails && !totals.due.isZero()) {
    lines.push({
      stack: [
        { text: ctx.label("bankTransfer") },
        { text: ctx.t(`${ctx.labelText("iban")} ${formatIban(bank.iban)}`, "bank.iban") },
        ...(bank.bic ? [{ text: ctx.t(`${ctx.labelText("bic")} ${bank.bic}`, "bank.bic") }] : []),
        { text: ctx.label("paymentReference", { number: invoice.number }), style: "muted" },
      ],
      margin: [0, 3, 0, 0],
    });
  }
  return lines;
}
