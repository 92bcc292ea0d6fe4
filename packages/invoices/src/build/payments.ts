import type { Money, Sale } from "@comptoir/api-client";
import type { PaymentMeansCode, PaymentRecord } from "@comptoir/templates";

/** Hiboutik payment codes → UNTDID 4461 payment means (BT-81). */
const MEANS_BY_POS_CODE: Readonly<Record<string, PaymentMeansCode>> = {
  CB: "48",
  CARTE: "48",
  AMEX: "48",
  ESP: "10",
  CASH: "10",
  CHE: "20",
  CHQ: "20",
  VIR: "58",
  PRLV: "59",
};

export function paymentMeansOf(posCode: string): PaymentMeansCode {
  return MEANS_BY_POS_CODE[posCode.trim().toUpperCase()] ?? "ZZZ";
}

/** Payments received for a sale: its split details ("DIV"), else one payment of the whole total. */
export function salePayments(sale: Sale, total: Money): PaymentRecord[] {
  if (sale.payments.length > 0) {
    return sale.payments.map((payment) => ({
      means: paymentMeansOf(payment.type),
      posCode: payment.type,
      amount: payment.amount,
    }));
  }
  const code = sale.payment ?? "";
  if (code === "" || total.isZero()) return [];
  return [{ means: paymentMeansOf(code), posCode: code, amount: total }];
}
