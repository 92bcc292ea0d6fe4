import { DAY_MS, monthKey } from "../clock.ts";
import { netOfGross } from "../money.ts";
import type { CustomerSpec } from "./customers.ts";
import { hash32, Rng, Stream } from "./prng.ts";
import type { ProductSpec } from "./products.ts";
import type { Reference } from "./reference.ts";

export interface SaleLineSpec {
  readonly lineId: number;
  /** The product as it was when sold (later price changes do not rewrite history). */
  readonly product: ProductSpec;
  readonly sizeId: number;
  readonly quantity: number;
  /** Tax-inclusive unit price before discount. */
  readonly catalogUnitCents: number;
  /** Tax-inclusive unit price actually charged (`product_price` on the line). */
  readonly chargedUnitCents: number;
  /** VAT rate in 1/100,000. */
  readonly rate: number;
  readonly taxLabel: string;
  readonly stockWithdrawal: number;
  /** For a return line: the line it gives back. */
  readonly returnOfLineId: number;
}

export interface PaymentSpec {
  readonly id: number;
  readonly type: string;
  readonly amountCents: number;
}

export interface SaleSpec {
  readonly id: number;
  readonly storeId: number;
  readonly warehouseId: number;
  readonly vendorId: number;
  readonly customerId: number;
  readonly billingAddressId: number;
  readonly shippingAddressId: number;
  readonly vatNumber: string;
  readonly dutyFree: boolean;
  readonly createdWallMs: number;
  /** null while the sale is open. */
  readonly completedWallMs: number | null;
  /** Per store and per month closing counter; 0 while open. */
  readonly nthClosedStore: number;
  readonly currency: string;
  readonly lines: readonly SaleLineSpec[];
  /** Payment code; "DIV" when split (then `payments` has several entries). */
  readonly payment: string;
  readonly payments: readonly PaymentSpec[];
  readonly cashTenderedCents: number;
  readonly saleKey: string;
  readonly extRef: string;
}

/**
 * How returned goods appear on a line. The doc (§4.14) says Hiboutik refuses negative
 * quantities and returns carry negative prices; the other style is offered for clients that
 * must cope with both.
 */
export type ReturnLineStyle = "negative-price" | "negative-quantity";

export interface SalesHistoryOptions {
  readonly seed: number;
  readonly reference: Reference;
  /** Midnight (wall time) of the simulator's "today"; history covers the days before it. */
  readonly anchorWallMs: number;
  readonly days: number;
  readonly salesPerDay: number;
  readonly productCount: number;
  readonly customerCount: number;
  readonly returnLines: ReturnLineStyle;
  readonly product: (id: number) => ProductSpec;
  readonly customer: (id: number) => CustomerSpec | undefined;
}

interface SkeletonEntry {
  readonly id: number;
  readonly storeId: number;
  readonly createdWallMs: number;
  readonly completedWallMs: number;
  readonly vendorId: number;
  readonly nth: number;
}

const WEEKDAY_FACTOR = [0.5, 0.7, 1, 1, 1.1, 1.2, 1.6]; // Sunday … Saturday

/** Line ids are derived from the sale id: `sale_id * 100 + n`. */
export function lineIdFor(saleId: number, index: number): number {
  return saleId * 100 + index + 1;
}

/**
 * Closed-sales history: per day and store, a handful of counts is precomputed (days × stores
 * numbers); each sale is rebuilt on demand from (seed, sale id).
 */
export class SalesHistory {
  readonly firstDayWallMs: number;
  readonly firstSaleId = 1;
  private readonly counts: number[][];
  private readonly dayStartId: number[];
  private readonly monthBefore: number[][];
  private readonly skeletonCache = new Map<number, SkeletonEntry[]>();
  private customerIndex: Map<number, number[]> | undefined;

  constructor(private readonly options: SalesHistoryOptions) {
    const { days, anchorWallMs, reference, seed, salesPerDay } = options;
    this.firstDayWallMs = anchorWallMs - days * DAY_MS;
    this.counts = [];
    this.dayStartId = [this.firstSaleId];
    this.monthBefore = [];
    const running = new Map<string, number>();
    for (let d = 0; d < days; d++) {
      const dayMs = this.firstDayWallMs + d * DAY_MS;
      const weekday = new Date(dayMs).getUTCDay();
      const month = monthKey(dayMs);
      const row: number[] = [];
      const before: number[] = [];
      for (const store of reference.stores) {
        const rng = new Rng(hash32(seed, Stream.salesDay, d, store.id));
        const open = weekday !== 0 || store.openSunday;
        const mean = salesPerDay * store.traffic * (WEEKDAY_FACTOR[weekday] ?? 1);
        const count =
          open && options.productCount > 0 ? Math.round(mean * (0.7 + 0.6 * rng.next())) : 0;
        const key = `${store.id}:${month}`;
        const soFar = running.get(key) ?? 0;
        before.push(soFar);
        running.set(key, soFar + count);
        row.push(count);
      }
      this.counts.push(row);
      this.monthBefore.push(before);
      this.dayStartId.push((this.dayStartId[d] ?? 0) + row.reduce((a, b) => a + b, 0));
    }
  }

  /** One past the last history sale id: created sales continue from here. */
  get nextSaleId(): number {
    return this.dayStartId[this.dayStartId.length - 1] ?? this.firstSaleId;
  }

  get saleCount(): number {
    return this.nextSaleId - this.firstSaleId;
  }

  /** Sales of `storeId` closed in the given month (for continuing `nth_closed_store`). */
  closedInMonth(storeId: number, month: number): number {
    const storeIndex = this.options.reference.stores.findIndex((s) => s.id === storeId);
    let total = 0;
    for (let d = 0; d < this.counts.length; d++) {
      if (monthKey(this.firstDayWallMs + d * DAY_MS) === month) {
        total += this.counts[d]?.[storeIndex] ?? 0;
      }
    }
    return total;
  }

  dayIndex(dayWallMs: number): number | undefined {
    const d = Math.round((dayWallMs - this.firstDayWallMs) / DAY_MS);
    return d >= 0 && d < this.counts.length ? d : undefined;
  }

  /** Ids of the sales closed on that day in that store, in id order. */
  saleIdsOn(storeId: number, dayWallMs: number): number[] {
    const d = this.dayIndex(dayWallMs);
    if (d === undefined) return [];
    return this.skeleton(d)
      .filter((entry) => entry.storeId === storeId)
      .map((entry) => entry.id);
  }

  /** Customer of a sale without building the sale (used to index sales by customer). */
  customerOf(saleId: number): number {
    const rng = new Rng(hash32(this.options.seed, Stream.saleCustomer, saleId));
    return rng.chance(0.35) && this.options.customerCount > 0
      ? rng.int(1, this.options.customerCount)
      : 0;
  }

  salesOfCustomer(customerId: number): readonly number[] {
    if (!this.customerIndex) {
      this.customerIndex = new Map();
      for (let id = this.firstSaleId; id < this.nextSaleId; id++) {
        const customer = this.customerOf(id);
        if (customer === 0) continue;
        const list = this.customerIndex.get(customer);
        if (list) list.push(id);
        else this.customerIndex.set(customer, [id]);
      }
    }
    return this.customerIndex.get(customerId) ?? [];
  }

  sale(id: number): SaleSpec | undefined {
    if (!Number.isInteger(id) || id < this.firstSaleId || id >= this.nextSaleId) return undefined;
    let lo = 0;
    let hi = this.counts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.dayStartId[mid] ?? 0) <= id) lo = mid;
      else hi = mid - 1;
    }
    const entry = this.skeleton(lo).find((e) => e.id === id);
    return entry ? this.build(entry) : undefined;
  }

  private skeleton(d: number): SkeletonEntry[] {
    const cached = this.skeletonCache.get(d);
    if (cached) return cached;
    const { reference, seed } = this.options;
    const dayMs = this.firstDayWallMs + d * DAY_MS;
    const sundayHours = new Date(dayMs).getUTCDay() === 0;
    const draft: Omit<SkeletonEntry, "id" | "nth">[] = [];
    reference.stores.forEach((store, storeIndex) => {
      const rng = new Rng(hash32(seed, Stream.salesDay, d, store.id, 1));
      const vendors = reference.vendors.filter((v) => v.storeId === store.id);
      const opens = sundayHours ? 10 * 3600 : 9.5 * 3600;
      const closes = sundayHours ? 13 * 3600 : 19.5 * 3600;
      for (let k = 0; k < (this.counts[d]?.[storeIndex] ?? 0); k++) {
        const created = dayMs + rng.int(opens, closes) * 1000;
        draft.push({
          storeId: store.id,
          createdWallMs: created,
          completedWallMs: created + rng.int(20, 420) * 1000,
          vendorId: vendors.length > 0 ? rng.pick(vendors).id : 0,
        });
      }
    });
    draft.sort((a, b) => a.createdWallMs - b.createdWallMs || a.storeId - b.storeId);
    const nth = new Map<number, number>();
    const entries = draft.map((entry, k) => {
      const storeIndex = reference.stores.findIndex((s) => s.id === entry.storeId);
      const n = (nth.get(entry.storeId) ?? this.monthBefore[d]?.[storeIndex] ?? 0) + 1;
      nth.set(entry.storeId, n);
      return { ...entry, id: (this.dayStartId[d] ?? 0) + k, nth: n };
    });
    if (this.skeletonCache.size > 16) this.skeletonCache.clear();
    this.skeletonCache.set(d, entries);
    return entries;
  }

  private isReturn(saleId: number): boolean {
    return (
      saleId > this.firstSaleId + 30 &&
      new Rng(hash32(this.options.seed, Stream.saleReturn, saleId)).chance(0.03)
    );
  }

  private purchaseLine(saleId: number, index: number): SaleLineSpec {
    const rng = new Rng(hash32(this.options.seed, Stream.saleLine, saleId, index));
    const product = this.options.product(rng.int(1, this.options.productCount));
    const size = product.sizes.length > 0 ? rng.pick(product.sizes).sizeId : 0;
    const quantity = rng.weighted([
      [1, 80],
      [2, 15],
      [3, 5],
    ]);
    let charged = product.priceCents;
    if (product.discountPriceCents > 0) charged = product.discountPriceCents;
    else if (rng.chance(0.1)) {
      const percent = rng.pick([10, 15, 20, 30, 50]);
      charged = Math.round((product.priceCents * (100 - percent)) / 100);
    }
    const tax = this.options.reference.taxById.get(product.taxId);
    return {
      lineId: lineIdFor(saleId, index),
      product,
      sizeId: size,
      quantity,
      catalogUnitCents: product.priceCents,
      chargedUnitCents: charged,
      rate: tax?.rate ?? 20_000,
      taxLabel: tax?.label ?? "",
      stockWithdrawal: product.stockManaged,
      returnOfLineId: 0,
    };
  }

  private returnLine(saleId: number, index: number, rng: Rng): SaleLineSpec | undefined {
    for (let attempt = 0; attempt < 5; attempt++) {
      const original = rng.int(Math.max(this.firstSaleId, saleId - 2000), saleId - 1);
      if (this.isReturn(original)) continue;
      const line = this.purchaseLine(original, 0);
      const negativeQuantity = this.options.returnLines === "negative-quantity";
      return {
        ...line,
        lineId: lineIdFor(saleId, index),
        quantity: negativeQuantity ? -line.quantity : line.quantity,
        catalogUnitCents: negativeQuantity ? line.catalogUnitCents : -line.catalogUnitCents,
        chargedUnitCents: negativeQuantity ? line.chargedUnitCents : -line.chargedUnitCents,
        returnOfLineId: line.lineId,
      };
    }
    return undefined;
  }

  private build(entry: SkeletonEntry): SaleSpec {
    const { reference, seed } = this.options;
    const rng = new Rng(hash32(seed, Stream.sale, entry.id));
    const store = reference.stores.find((s) => s.id === entry.storeId);
    const customerId = this.customerOf(entry.id);
    const customer = customerId > 0 ? this.options.customer(customerId) : undefined;
    const lines: SaleLineSpec[] = [];
    if (this.isReturn(entry.id)) {
      if (rng.chance(0.5)) lines.push(this.purchaseLine(entry.id, 0));
      const back = this.returnLine(entry.id, lines.length, rng);
      if (back) lines.push(back);
      if (lines.length === 0) lines.push(this.purchaseLine(entry.id, 0));
    } else {
      const count = rng.weighted([
        [1, 45],
        [2, 30],
        [3, 15],
        [4, 7],
        [5, 3],
      ]);
      for (let k = 0; k < count; k++) lines.push(this.purchaseLine(entry.id, k));
    }
    const dutyFree = customer?.intraEu === true;
    const exempt = reference.taxById.get(5);
    // Intra-EU business sales are duty-free: the price net of VAT is charged at 0 %.
    const finalLines = dutyFree
      ? lines.map((line) => ({
          ...line,
          catalogUnitCents: netOfGross(line.catalogUnitCents, line.rate),
          chargedUnitCents: netOfGross(line.chargedUnitCents, line.rate),
          rate: 0,
          taxLabel: exempt?.label ?? "",
        }))
      : lines;
    const total = finalLines.reduce((sum, line) => sum + line.chargedUnitCents * line.quantity, 0);
    const paymentTypes = store?.paymentTypes ?? ["CB"];
    let payment: string;
    let payments: PaymentSpec[];
    let cashTendered = 0;
    if (total >= 2000 && rng.chance(0.1)) {
      const cash = Math.round(total * (0.2 + rng.next() * 0.3));
      const second = paymentTypes.includes("TR") && rng.chance(0.3) ? "TR" : "ESP";
      payment = "DIV";
      payments = [
        { id: entry.id * 10 + 1, type: "CB", amountCents: total - cash },
        { id: entry.id * 10 + 2, type: second, amountCents: cash },
      ];
      if (second === "ESP") cashTendered = cash;
    } else {
      const options: [string, number][] = [
        ["CB", 62],
        ["ESP", 25],
        ["CHE", 5],
      ];
      if (paymentTypes.includes("TR")) options.push(["TR", 5]);
      if (paymentTypes.includes("VIR") && customer?.company) options.push(["VIR", 40]);
      payment = total <= 0 ? "ESP" : rng.weighted(options);
      payments = [{ id: entry.id * 10 + 1, type: payment, amountCents: total }];
      if (payment === "ESP" && total > 0) {
        cashTendered = rng.chance(0.5) ? Math.ceil(total / 500) * 500 : total;
      }
    }
    const firstAddress = customer?.addresses[0];
    const billing = firstAddress && rng.chance(0.7) ? firstAddress.id : 0;
    return {
      id: entry.id,
      storeId: entry.storeId,
      warehouseId: store?.warehouseId ?? 1,
      vendorId: entry.vendorId,
      customerId,
      billingAddressId: billing,
      shippingAddressId: billing !== 0 && rng.chance(0.1) ? billing : 0,
      vatNumber: customer?.vat ?? "",
      dutyFree,
      createdWallMs: entry.createdWallMs,
      completedWallMs: entry.completedWallMs,
      nthClosedStore: entry.nth,
      currency: store?.currency ?? "EUR",
      lines: finalLines,
      payment,
      payments,
      cashTenderedCents: cashTendered,
      saleKey: rng.alnum(10),
      extRef: rng.chance(0.04) ? `wc_${rng.int(1000, 9999)}` : "",
    };
  }
}
