import { Decimal } from "@comptoir/api-client";
import { describe, expect, it } from "vitest";
import {
  buildCreditNote,
  buildCreditNoteFromReturn,
  buildInvoice,
  checkInvoiceArithmetic,
  InvoiceBuildError,
} from "../src/index.ts";
import { businessBuyer, seller } from "./fixtures/parties.ts";
import { makeSale } from "./fixtures/sales.ts";

const money = (value: Decimal) => value.toFixed(2);

function original() {
  const sale = makeSale({
    id: 7001,
    lines: [
      { name: "Badge A", price: "1.00", productId: 1 },
      { name: "Badge B", price: "1.00", productId: 2 },
      { name: "Badge C", price: "1.00", productId: 3 },
      { name: "Lampe", price: "59.90", catalogPrice: "69.90", productId: 4 },
      { name: "Livre", price: "24.00", rate: "5.5", quantity: 2, productId: 5 },
    ],
  });
  return buildInvoice({
    sale,
    seller: seller(),
    buyer: businessBuyer,
    number: "F2026-000010",
    issueDate: "2026-03-15",
  });
}

const credit = {
  seller: seller(),
  number: "AV2026-000001",
  issueDate: "2026-03-20",
  reason: "Retour client",
} as const;

describe("credit notes", () => {
  it("credits a whole invoice with exactly its amounts, positive, referencing it (type 381)", () => {
    const invoice = original();
    const note = buildCreditNote({ ...credit, original: invoice, selection: { kind: "all" } });
    expect(note.typeCode).toBe("381");
    expect(note.precedingInvoice).toEqual({ number: "F2026-000010", issueDate: "2026-03-15" });
    expect(note.totals).toEqual({
      ...invoice.totals,
      paid: Decimal.of(0n, 2),
      due: invoice.totals.taxInclusive,
    });
    expect(note.vatBreakdown).toEqual(invoice.vatBreakdown);
    expect(note.lines.map((line) => money(line.netAmount))).toEqual(
      invoice.lines.map((line) => money(line.netAmount)),
    );
    expect(
      note.notes.some(
        (n) => n.content.includes("F2026-000010") && n.content.includes("15/03/2026"),
      ),
    ).toBe(true);
    expect(checkInvoiceArithmetic(note)).toEqual([]);
  });

  it("credits chosen lines, in full or for part of their quantity", () => {
    const invoice = original();
    const note = buildCreditNote({
      ...credit,
      original: invoice,
      selection: { kind: "lines", lines: [{ lineId: "4" }, { lineId: "5", quantity: 1 }] },
      refund: { date: "2026-03-20", posCode: "CB" },
    });
    expect(
      note.lines.map((line) => [line.name, line.quantity.toString(), money(line.grossAmount)]),
    ).toEqual([
      ["Lampe", "1", "59.90"],
      ["Livre", "1", "24.00"],
    ]);
    expect(money(note.totals.taxInclusive)).toBe("83.90");
    expect([money(note.totals.paid), money(note.totals.due), note.businessProcess]).toEqual([
      "83.90",
      "0.00",
      "B2",
    ]);
    expect(checkInvoiceArithmetic(note)).toEqual([]);
  });

  it("credits an amount, spread over the VAT rates in proportion", () => {
    const invoice = original();
    const note = buildCreditNote({
      ...credit,
      original: invoice,
      selection: {
        kind: "amount",
        amount: Decimal.parse("10.00"),
        description: "Geste commercial",
      },
    });
    expect(money(note.totals.taxInclusive)).toBe("10.00");
    expect(note.lines).toHaveLength(2);
    expect(note.lines.every((line) => line.name.startsWith("Geste commercial"))).toBe(true);
    expect(checkInvoiceArithmetic(note)).toEqual([]);
  });

  it("refuses credits that are not", () => {
    const invoice = original();
    const problem = (run: () => unknown) => {
      try {
        run();
        return "built";
      } catch (error) {
        return error instanceof InvoiceBuildError ? error.problem : String(error);
      }
    };
    expect(
      problem(() =>
        buildCreditNote({
          ...credit,
          original: invoice,
          selection: { kind: "lines", lines: [{ lineId: "9" }] },
        }),
      ),
    ).toBe("invalid-credit");
    expect(
      problem(() =>
        buildCreditNote({
          ...credit,
          original: invoice,
          selection: { kind: "lines", lines: [{ lineId: "5", quantity: 3 }] },
        }),
      ),
    ).toBe("invalid-credit");
    expect(
      problem(() =>
        buildCreditNote({
          ...credit,
          original: invoice,
          selection: { kind: "amount", amount: Decimal.parse("1000.00"), description: "x" },
        }),
      ),
    ).toBe("invalid-credit");
    expect(
      problem(() =>
        buildCreditNote({ ...credit, reason: " ", original: invoice, selection: { kind: "all" } }),
      ),
    ).toBe("invalid-credit");
    const note = buildCreditNote({ ...credit, original: invoice, selection: { kind: "all" } });
    expect(
      problem(() => buildCreditNote({ ...credit, original: note, selection: { kind: "all" } })),
    ).toBe("invalid-credit");
  });

  it("turns items given back in a later POS sale into a credit note refunded at the till", () => {
    const invoice = original();
    const later = makeSale({
      id: 7050,
      completedAt: "2026-03-21T10:00:00",
      payment: "ESP",
      lines: [{ name: "Lampe", price: "-59.90", productId: 4 }],
    });
    const note = buildCreditNoteFromReturn({ ...credit, sale: later, original: invoice });
    expect(note.typeCode).toBe("381");
    expect(note.lines[0]?.quantity.toString()).toBe("1");
    expect(money(note.totals.taxInclusive)).toBe("59.90");
    expect(note.payments.map((payment) => [payment.means, money(payment.amount)])).toEqual([
      ["10", "59.90"],
    ]);
    expect([money(note.totals.due), note.businessProcess]).toEqual(["0.00", "B2"]);
    expect(note.creditReason).toBe("Retour client");
    expect(checkInvoiceArithmetic(note)).toEqual([]);
  });

  it("splits an exchange into an invoice for the purchase and a credit note for the return", () => {
    const invoice = original();
    const exchange = makeSale({
      id: 7060,
      payment: "CB",
      lines: [
        { name: "Lampe", price: "59.90", quantity: -1, productId: 4 },
        { name: "Applique", price: "79.90", productId: 6 },
      ],
    });
    const purchase = buildInvoice({
      sale: exchange,
      seller: seller(),
      buyer: businessBuyer,
      number: "F2026-000011",
      issueDate: "2026-03-21",
      include: "purchases",
    });
    expect(money(purchase.totals.taxInclusive)).toBe("79.90");
    expect(purchase.payments.map((p) => [p.means, money(p.amount)])).toEqual([
      ["97", "59.90"],
      ["48", "20.00"],
    ]);
    const note = buildCreditNoteFromReturn({ ...credit, sale: exchange, original: invoice });
    expect(note.payments.map((p) => [p.means, money(p.amount)])).toEqual([["97", "59.90"]]);
    expect([money(purchase.totals.due), money(note.totals.due)]).toEqual(["0.00", "0.00"]);
  });

  it("refuses a return of something the invoice did not sell", () => {
    const later = makeSale({ lines: [{ name: "Autre chose", price: "-5.00", productId: 99 }] });
    expect(() =>
      buildCreditNoteFromReturn({ ...credit, sale: later, original: original() }),
    ).toThrow(/not on invoice/);
  });
});
