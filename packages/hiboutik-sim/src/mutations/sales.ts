import { hash32, Rng, Stream } from "../data/prng.ts";
import type { PaymentSpec, SaleLineSpec, SaleSpec } from "../data/sales.ts";
import { lineIdFor } from "../data/sales.ts";
import { formatMoney, netOfGross } from "../money.ts";
import { saleTotalCents } from "../wire/sale-amounts.ts";
import { saleWebhookPayload } from "../wire/sales.ts";
import type { MutationKit } from "./kit.ts";
import type { Mutations, SaleInput, SaleLineInput } from "./types.ts";

type SaleMutations = Pick<Mutations, "createSale" | "closeSale" | "sellStock" | "sellOut">;

/** Exempt rate used for duty-free sales (tax id 5 = 0 %). */
const EXEMPT_TAX_ID = 5;

export function createSaleMutations(kit: MutationKit): SaleMutations {
  const { account, webhooks } = kit.deps;
  const ref = kit.reference;

  function buildLine(
    saleId: number,
    index: number,
    line: SaleLineInput,
    dutyFree: boolean,
  ): SaleLineSpec {
    const spec = kit.product(line.productId);
    if (spec.isPackage === 1) {
      throw new Error(`This function does not handle packages (product ${spec.id})`);
    }
    const sizeId = line.sizeId ?? 0;
    kit.checkSize(spec, sizeId);
    const quantity = line.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity === 0) {
      throw new Error(`Invalid quantity ${quantity}`);
    }
    const catalog = spec.priceCents;
    let charged = spec.discountPriceCents > 0 ? spec.discountPriceCents : catalog;
    if (line.discountPercent !== undefined) {
      charged = Math.round((catalog * (100 - line.discountPercent)) / 100);
    }
    if (line.price !== undefined) charged = kit.money(line.price, "price");
    const productRate = ref.taxById.get(spec.taxId)?.rate ?? 0;
    const tax = ref.taxById.get(dutyFree ? EXEMPT_TAX_ID : spec.taxId);
    // Duty-free (intra-EU business) sales charge the price net of VAT, at 0 %.
    const net = (cents: number) => (dutyFree ? netOfGross(cents, productRate) : cents);
    return {
      lineId: lineIdFor(saleId, index),
      product: spec,
      sizeId,
      quantity,
      catalogUnitCents: net(charged < 0 ? -catalog : catalog),
      chargedUnitCents: net(charged),
      rate: tax?.rate ?? 0,
      taxLabel: tax?.label ?? "",
      stockWithdrawal: spec.stockManaged,
      returnOfLineId: 0,
    };
  }

  function buildSale(input: SaleInput): SaleSpec {
    const storeId = input.storeId ?? 1;
    const store = ref.stores.find((s) => s.id === storeId);
    if (!store) throw new Error(`Unknown store ${storeId}`);
    const customerId = input.customerId ?? 0;
    const customer = customerId === 0 ? undefined : account.customer(customerId);
    if (customerId !== 0 && !customer) throw new Error(`Unknown customer ${customerId}`);
    if (input.lines.length === 0) throw new Error("A sale needs at least one line");
    const id = account.allocateSaleId();
    const dutyFree = customer?.intraEu === true;
    const lines = input.lines.map((line, index) => buildLine(id, index, line, dutyFree));
    const total = lines.reduce((sum, line) => sum + line.chargedUnitCents * line.quantity, 0);
    let payment: string;
    let payments: PaymentSpec[];
    if (Array.isArray(input.payment)) {
      payment = "DIV";
      payments = input.payment.map((p, index) => ({
        id: id * 10 + index + 1,
        type: p.type,
        amountCents: kit.money(p.amount, "payment amount"),
      }));
    } else {
      payment = typeof input.payment === "string" ? input.payment : store.defaultPayment;
      payments = [{ id: id * 10 + 1, type: payment, amountCents: total }];
    }
    const cash = payments.filter((p) => p.type === "ESP").reduce((s, p) => s + p.amountCents, 0);
    return {
      id,
      storeId,
      warehouseId: store.warehouseId,
      vendorId: input.vendorId ?? ref.vendors.find((v) => v.storeId === storeId)?.id ?? 0,
      customerId,
      billingAddressId: customer?.addresses[0]?.id ?? 0,
      shippingAddressId: 0,
      vatNumber: customer?.vat ?? "",
      dutyFree,
      createdWallMs: kit.wallNow(),
      completedWallMs: null,
      nthClosedStore: 0,
      currency: store.currency,
      lines,
      payment,
      payments,
      cashTenderedCents: Math.max(0, cash),
      saleKey: new Rng(hash32(kit.deps.seed, Stream.saleKey, id)).alnum(10),
      extRef: "",
    };
  }

  function open(input: SaleInput): number {
    const sale = buildSale(input);
    account.putSale(sale);
    // sale_item and payment payloads are undocumented (doc §9.11): these fields are our choice.
    for (const line of sale.lines) {
      webhooks.emit("sale_item", {
        sale_id: sale.id,
        line_item_id: line.lineId,
        product_id: line.product.id,
        product_size: line.sizeId,
        quantity: line.quantity,
      });
    }
    webhooks.emit("payment", { sale_id: sale.id, payment: sale.payment });
    return sale.id;
  }

  /** Stock moves on closing, for lines with stock_withdrawal = 1 (doc §4.9); returns put it back. */
  function moveStock(sale: SaleSpec): void {
    for (const line of sale.lines) {
      if (line.stockWithdrawal === 1 && line.product.stockManaged === 1) {
        const row = account
          .product(line.product.id)
          ?.stock.find((c) => c.sizeId === line.sizeId && c.warehouseId === sale.warehouseId);
        const units = Math.abs(line.quantity);
        const isReturn = line.quantity < 0 || line.chargedUnitCents < 0;
        if (row) {
          account.setStock(
            line.product.id,
            line.sizeId,
            sale.warehouseId,
            row.quantity + (isReturn ? units : -units),
          );
        }
      }
      kit.touch(line.product.id);
    }
  }

  function stockOf(productId: number, sizeId: number) {
    return (account.product(productId)?.stock ?? [])
      .filter((c) => c.sizeId === sizeId)
      .map((c) => ({
        warehouse_id: c.warehouseId,
        stock_available: c.quantity,
        inventory_alert: c.alert,
      }));
  }

  function close(saleId: number): number {
    const sale = account.sale(saleId);
    if (!sale) throw new Error(`Unknown sale ${saleId}`);
    if (sale.completedWallMs !== null) throw new Error(`Sale ${saleId} is already closed`);
    const total = saleTotalCents(sale);
    const paid = sale.payments.reduce((s, p) => s + p.amountCents, 0);
    if (sale.payment === "DIV" && paid !== total) {
      throw new Error(
        `Split payments add up to ${formatMoney(paid)}, the sale total is ${formatMoney(total)}`,
      );
    }
    const completed = kit.wallNow();
    const closed: SaleSpec = {
      ...sale,
      completedWallMs: completed,
      nthClosedStore: account.nextClosedNumber(sale.storeId, completed),
    };
    account.putSale(closed);
    moveStock(closed);
    webhooks.emit("sale", saleWebhookPayload(closed, kit.deps.ctx, stockOf, completed));
    return closed.id;
  }

  const sellStock: SaleMutations["sellStock"] = (productId, sizeId, quantity = 1, options = {}) =>
    close(open({ ...options, lines: [{ productId, sizeId, quantity }] }));

  return {
    createSale: open,
    closeSale: (saleOrInput) =>
      close(typeof saleOrInput === "number" ? saleOrInput : open(saleOrInput)),
    sellStock,
    sellOut(productId, sizeId, options = {}) {
      const store = ref.stores.find((s) => s.id === (options.storeId ?? 1));
      if (!store) throw new Error(`Unknown store ${options.storeId}`);
      const left = kit.stockCell(kit.product(productId), sizeId, store.warehouseId).quantity;
      if (left <= 0) throw new Error(`Nothing left to sell: stock is ${left}`);
      return sellStock(productId, sizeId, left, options);
    },
  };
}
