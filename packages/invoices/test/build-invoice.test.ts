import { Decimal } from "@comptoir/api-client";
import { describe, expect, it } from "vitest";
import { buildInvoice, checkInvoiceArithmetic, InvoiceBuildError } from "../src/index.ts";
import {
  businessBuyer,
  consumerBuyer,
  franchiseSeller,
  germanBuyer,
  seller,
} from "./fixtures/parties.ts";
import { makeSale } from "./fixtures/sales.ts";

const issue = { number: "F2026-000001", issueDate: "2026-03-15" } as const;
const money = (value: Decimal) => value.toFixed(2);

describe("buildInvoice", () => {
  it("totals what the customer paid, across VAT rates, discounts and split payments", () => {
    const sale = makeSale({
      lines: [
        { name: "Écharpe", price: "89.00", catalogPrice: "99.00" },
        { name: "Carnet", price: "12.50", quantity: 3 },
        { name: "Livre", price: "24.00", rate: "5.5" },
        { name: "Thé", price: "6.90", rate: "5.5", quantity: 2 },
      ],
      payments: [
        { type: "CB", amount: "150.00" },
        { type: "ESP", amount: "14.30" },
      ],
    });
    const invoice = buildInvoice({ sale, seller: seller(), buyer: businessBuyer, ...issue });
    expect(money(invoice.totals.taxInclusive)).toBe("164.30");
    expect(money(invoice.totals.taxInclusive)).toBe(money(sale.total));
    expect(money(invoice.totals.paid)).toBe("164.30");
    expect(money(invoice.totals.due)).toBe("0.00");
    expect(
      invoice.vatBreakdown.map((entry) => [
        entry.category.rate.toString(),
        money(entry.taxableAmount),
        money(entry.taxAmount),
      ]),
    ).toEqual([
      ["20%", "105.42", "21.08"],
      ["5.5%", "35.83", "1.97"],
    ]);
    expect(invoice.payments.map((payment) => [payment.means, money(payment.amount)])).toEqual([
      ["48", "150.00"],
      ["10", "14.30"],
    ]);
    expect(invoice.businessProcess).toBe("B2");
    expect(invoice.paymentTerms.dueDate).toBe("2026-03-14");
    expect(checkInvoiceArithmetic(invoice)).toEqual([]);
  });

  it("puts the POS discount in the price (gross, discount, net) without changing the amount", () => {
    const sale = makeSale({ lines: [{ name: "Foulard", price: "49.90", catalogPrice: "59.90" }] });
    const [line] = buildInvoice({ sale, seller: seller(), ...issue }).lines;
    expect(line?.netAmount.toFixed(2)).toBe("41.58");
    expect(line?.netPrice.toString()).toBe("41.58");
    expect(line?.grossPrice?.toString()).toBe("49.916667");
    expect(line?.grossPrice?.sub(line.priceDiscount ?? Decimal.ZERO).equals(line.netPrice)).toBe(
      true,
    );
    expect(line?.discountPercent?.toString()).toBe("16.69");
  });

  it("resolves the one-cent case: line nets add up to the per-rate base Hiboutik printed", () => {
    // Three lines at 1.00 incl. 20 %: each line's net rounds to 0.83 (Σ 2.49) but the rate's net is
    // 3.00 / 1.2 = 2.50: Hiboutik's line sums and its per-rate summary differ by a cent.
    const sale = makeSale({
      lines: [
        { name: "Badge A", price: "1.00" },
        { name: "Badge B", price: "1.00" },
        { name: "Badge C", price: "1.00" },
      ],
    });
    expect(sale.totals.net?.toFixed(2)).toBe("2.49");
    expect(sale.taxes[0]?.net.toFixed(2)).toBe("2.50");
    const invoice = buildInvoice({ sale, seller: seller(), ...issue });
    expect(invoice.lines.map((line) => money(line.netAmount))).toEqual(["0.84", "0.83", "0.83"]);
    expect(money(invoice.totals.lineTotal)).toBe("2.50");
    expect(money(invoice.totals.taxTotal)).toBe("0.50");
    expect(money(invoice.totals.taxInclusive)).toBe("3.00");
    expect(money(invoice.totals.rounding)).toBe("0.00");
    expect(checkInvoiceArithmetic(invoice)).toEqual([]);
  });

  it("spreads a larger gap onto the lines whose rounding lost the most", () => {
    const sale = makeSale({
      lines: [
        { name: "A", price: "0.05" },
        { name: "B", price: "0.05" },
        { name: "C", price: "0.10" },
        { name: "D", price: "0.05" },
        { name: "E", price: "0.05" },
      ],
    });
    const invoice = buildInvoice({ sale, seller: seller(), ...issue });
    const base = invoice.vatBreakdown[0]?.taxableAmount;
    expect(money(invoice.totals.lineTotal)).toBe(money(base ?? Decimal.ZERO));
    expect(money(invoice.totals.taxInclusive)).toBe("0.30");
    expect(checkInvoiceArithmetic(invoice)).toEqual([]);
  });

  it("keeps Hiboutik's per-rate VAT when it is consistent, and recomputes it when it is not", () => {
    const lines = [
      { name: "A", price: "10.00" },
      { name: "B", price: "10.01" },
    ];
    // 20.01 / 1.2 = 16.675: a POS rounding half down prints 16.67 / 3.34.
    const consistent = makeSale({
      lines,
      taxes: [{ rate: "20", net: "16.67", tax: "3.34", gross: "20.01" }],
    });
    const kept = buildInvoice({ sale: consistent, seller: seller(), ...issue });
    expect([money(kept.totals.lineTotal), money(kept.totals.taxTotal)]).toEqual(["16.67", "3.34"]);
    const broken = makeSale({
      lines,
      taxes: [{ rate: "20", net: "15.00", tax: "5.01", gross: "20.01" }],
    });
    const recomputed = buildInvoice({ sale: broken, seller: seller(), ...issue });
    expect([money(recomputed.totals.lineTotal), money(recomputed.totals.taxTotal)]).toEqual([
      "16.68",
      "3.33",
    ]);
    expect(checkInvoiceArithmetic(kept)).toEqual([]);
    expect(checkInvoiceArithmetic(recomputed)).toEqual([]);
  });

  it("stays sound on many random sales", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const rates = ["20", "10", "5.5", "2.1"];
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, index) => ({
        name: `Item ${index}`,
        price: (0.01 + Math.floor(random() * 20_000) / 100).toFixed(2),
        quantity: 1 + Math.floor(random() * 4),
        rate: rates[Math.floor(random() * rates.length)],
      }));
      const sale = makeSale({ lines });
      const invoice = buildInvoice({ sale, seller: seller(), ...issue });
      expect(checkInvoiceArithmetic(invoice)).toEqual([]);
      expect(money(invoice.totals.taxInclusive)).toBe(money(sale.total));
      expect(money(invoice.totals.due)).toBe("0.00");
    }
  });

  it("shows an item given back in the same sale as a negative quantity at a positive price", () => {
    for (const style of ["negative-price", "negative-quantity"] as const) {
      const back =
        style === "negative-price"
          ? { name: "Retour pull", price: "-30.00" }
          : { name: "Retour pull", price: "30.00", quantity: -1 };
      const sale = makeSale({ lines: [{ name: "Manteau", price: "120.00" }, back] });
      const invoice = buildInvoice({ sale, seller: seller(), ...issue });
      const returned = invoice.lines[1];
      expect(returned?.quantity.toString()).toBe("-1");
      expect(returned?.netPrice.isNegative()).toBe(false);
      expect(money(returned?.netAmount ?? Decimal.ZERO)).toBe("-25.00");
      expect(money(invoice.totals.taxInclusive)).toBe("90.00");
    }
  });

  it("handles sales priced without VAT; a till total a cent off goes into the rounding amount", () => {
    const sale = makeSale({
      pricesWithoutTaxes: true,
      lines: [
        { name: "Prestation", price: "10.03" },
        { name: "Fourniture", price: "10.03" },
      ],
    });
    const invoice = buildInvoice({ sale, seller: seller(), ...issue });
    expect([money(invoice.totals.lineTotal), money(invoice.totals.taxTotal)]).toEqual([
      "20.06",
      "4.01",
    ]);
    expect(money(invoice.totals.taxInclusive)).toBe("24.07");
    // A till that adds up each line's VAT-inclusive amount (12.04 + 12.04) charged 24.08.
    const tillSum = { ...sale, total: Decimal.parse("24.08") };
    const rounded = buildInvoice({ sale: tillSum, seller: seller(), ...issue });
    expect(money(rounded.totals.taxInclusive)).toBe("24.07");
    expect(money(rounded.totals.rounding)).toBe("0.01");
    expect([money(rounded.totals.paid), money(rounded.totals.due)]).toEqual(["24.08", "0.00"]);
    expect(checkInvoiceArithmetic(rounded)).toEqual([]);
  });

  it("tells a business (B2B, with SIREN) from a consumer (B2C) and a walk-in customer", () => {
    const sale = makeSale({ lines: [{ name: "Vase", price: "30.00" }] });
    const b2b = buildInvoice({ sale, seller: seller(), buyer: businessBuyer, ...issue });
    expect([
      b2b.market,
      b2b.buyer.kind,
      b2b.buyer.siren,
      b2b.buyer.electronicAddress?.scheme,
    ]).toEqual(["B2B", "business", "542107651", "0225"]);
    const b2c = buildInvoice({ sale, seller: seller(), buyer: consumerBuyer, ...issue });
    expect([b2c.market, b2c.buyer.kind, b2c.buyer.electronicAddress?.scheme]).toEqual([
      "B2C",
      "consumer",
      "EM",
    ]);
    const walkIn = buildInvoice({ sale, seller: seller(), ...issue });
    expect([walkIn.market, walkIn.buyer.name, walkIn.buyer.address.countryCode]).toEqual([
      "B2C",
      "Client de passage",
      "FR",
    ]);
    expect(b2b.notes.find((note) => note.subject === "BAR")?.content).toBe("B2B");
  });

  it("writes the B2B payment mentions as notes PMT, PMD and AAB", () => {
    const invoice = buildInvoice({
      sale: makeSale({ lines: [{ name: "Vase", price: "30.00" }] }),
      seller: seller(),
      buyer: businessBuyer,
      ...issue,
    });
    const notes = Object.fromEntries(invoice.notes.map((note) => [note.subject, note.content]));
    expect(notes.PMT).toContain("40,00 €");
    expect(notes.PMD).toContain("Banque centrale européenne");
    expect(notes.AAB).toBe("Pas d'escompte pour paiement anticipé");
  });

  it("leaves an unpaid invoice due with the seller's terms and bank details", () => {
    const sale = { ...makeSale({ lines: [{ name: "Vase", price: "30.00" }] }), payment: null };
    const invoice = buildInvoice({ sale, seller: seller(), buyer: businessBuyer, ...issue });
    expect([
      invoice.businessProcess,
      money(invoice.totals.due),
      invoice.paymentTerms.dueDate,
    ]).toEqual(["B1", "30.00", "2026-04-14"]);
    expect(invoice.bankAccount?.iban).toBe("FR7630006000011234567890189");
  });

  it("applies the VAT franchise (art. 293 B) of a seller without VAT", () => {
    const sale = makeSale({ lines: [{ name: "Poterie", price: "45.00", rate: "0" }] });
    const invoice = buildInvoice({
      sale,
      seller: franchiseSeller(),
      buyer: businessBuyer,
      ...issue,
    });
    expect(invoice.vatTreatment).toBe("franchise");
    expect(invoice.vatBreakdown[0]).toMatchObject({
      category: { code: "E" },
      exemptionReason: "TVA non applicable, art. 293 B du CGI",
      exemptionReasonCode: "VATEX-FR-FRANCHISE",
    });
    expect(money(invoice.totals.taxTotal)).toBe("0.00");
    expect(invoice.seller.taxRegistrationId).toBe("732829320");
  });

  it("makes a duty-free sale to an EU business an intra-community supply", () => {
    const sale = makeSale({
      euVatCode: "E",
      lines: [{ name: "Tissu", price: "200.00", rate: "0" }],
    });
    const invoice = buildInvoice({ sale, seller: seller(), buyer: germanBuyer, ...issue });
    expect([invoice.vatTreatment, invoice.market, invoice.vatBreakdown[0]?.category.code]).toEqual([
      "intra-community",
      "B2BINT",
      "K",
    ]);
    expect(invoice.vatBreakdown[0]?.exemptionReasonCode).toBe("VATEX-EU-IC");
  });

  it("supports reverse charge when the caller imposes it", () => {
    const sale = makeSale({ lines: [{ name: "Pose", price: "500.00", rate: "0" }] });
    const invoice = buildInvoice({
      sale,
      seller: seller(),
      buyer: businessBuyer,
      vatTreatment: "reverse-charge",
      ...issue,
    });
    expect(invoice.vatBreakdown[0]).toMatchObject({
      category: { code: "AE" },
      exemptionReason: "Autoliquidation",
    });
  });

  it("refuses what cannot be a valid invoice, saying why", () => {
    const problem = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof InvoiceBuildError ? error.problem : String(error);
      }
      return "built";
    };
    const sale = makeSale({ lines: [{ name: "Vase", price: "30.00" }] });
    expect(
      problem(() => buildInvoice({ sale: { ...sale, closed: false }, seller: seller(), ...issue })),
    ).toBe("sale-not-closed");
    expect(
      problem(() =>
        buildInvoice({
          sale: makeSale({ lines: [{ name: "Retour", price: "-30.00" }] }),
          seller: seller(),
          ...issue,
        }),
      ),
    ).toBe("negative-total");
    expect(problem(() => buildInvoice({ sale, seller: franchiseSeller(), ...issue }))).toBe(
      "vat-on-exempt-sale",
    );
    expect(
      problem(() => buildInvoice({ sale, seller: seller(), ...issue, number: "F 2026/1" })),
    ).toBe("invalid-number");
    expect(
      problem(() => buildInvoice({ sale, seller: seller(), ...issue, issueDate: "2026-02-30" })),
    ).toBe("invalid-date");
    expect(
      problem(() =>
        buildInvoice({
          sale,
          seller: seller(),
          buyer: { name: "X", siren: "123456789" },
          ...issue,
        }),
      ),
    ).toBe("invalid-buyer");
    expect(
      problem(() =>
        buildInvoice({ sale: { ...sale, currency: "CHF" }, seller: seller(), ...issue }),
      ),
    ).toBe("unsupported-currency");
  });
});
