import type { Sale } from "@comptoir/api-client";
import type { PaymentRecord } from "@comptoir/templates";
import { fromCents, toCents } from "../money.ts";
import { paymentMeansOf } from "./payments.ts";

/** UNTDID 4461 "97": clearing between partners — a return set off against a purchase. */
const SET_OFF: Pick<PaymentRecord, "means" | "posCode"> = { means: "97", posCode: "AVOIR" };

/**
 * How a sale that both sells (P) and takes back (R) was settled: the smaller of P and R is set off,
 * the rest was paid by the customer (P > R) or refunded (R > P) through the till.
 */
export function settleExchange(sale: Sale, purchasesCents: bigint, returnsCents: bigint) {
  const setOff = purchasesCents < returnsCents ? purchasesCents : returnsCents;
  const till =
    sale.payments.length > 0
      ? sale.payments.map((payment) => ({ posCode: payment.type, cents: toCents(payment.amount) }))
      : [{ posCode: sale.payment ?? "ESP", cents: toCents(sale.total) }];
  const record = (posCode: string, cents: bigint): PaymentRecord => ({
    means: paymentMeansOf(posCode),
    posCode,
    amount: fromCents(cents),
  });
  const setOffRecord = setOff > 0n ? [{ ...SET_OFF, amount: fromCents(setOff) }] : [];
  return {
    /** Settlement of the purchases' invoice. */
    purchases: [
      ...setOffRecord,
      ...till.filter((part) => part.cents > 0n).map((part) => record(part.posCode, part.cents)),
    ],
    /** Settlement of the returns' credit note (refunds are positive amounts). */
    returns: [
      ...setOffRecord,
      ...till.filter((part) => part.cents < 0n).map((part) => record(part.posCode, -part.cents)),
    ],
  };
}
