import { DAY_MS, dateZ, monthKey } from "./clock.ts";
import { decodeInternalBarcode, GtinCodec } from "./data/barcodes.ts";
import { type CustomerSpec, generateCustomer } from "./data/customers.ts";
import { hash32, Stream } from "./data/prng.ts";
import { ProductGenerator, type ProductSpec } from "./data/products.ts";
import { buildReference, type Reference } from "./data/reference.ts";
import { type ReturnLineStyle, type SaleSpec, SalesHistory } from "./data/sales.ts";

/** The mutable parts of a generated product; everything else is regenerated from the seed. */
export interface ProductPatch {
  priceCents?: number;
  discountPriceCents?: number;
  archived?: number;
  displayWww?: number;
  updatedWallMs?: number;
}

export interface AccountOptions {
  readonly seed: number;
  readonly account: string;
  readonly products: number;
  readonly customers: number;
  readonly days: number;
  readonly salesPerDay: number;
  readonly anchorWallMs: number;
  readonly returnLines: ReturnLineStyle;
}

function stockKey(productId: number, sizeId: number, warehouseId: number): string {
  return `${productId}:${sizeId}:${warehouseId}`;
}

/**
 * One Hiboutik account: generated data plus the overrides left by mutations. Memory is the
 * reference data (tens of rows), per-day sale counts, and one Map entry per mutated record.
 */
export class Account {
  readonly reference: Reference;
  readonly generator: ProductGenerator;
  readonly gtins: GtinCodec;
  readonly history: SalesHistory;
  readonly baseProductCount: number;
  readonly customerCount: number;
  private readonly patches = new Map<number, ProductPatch>();
  private readonly stockOverrides = new Map<string, number>();
  private readonly added = new Map<number, ProductSpec>();
  private readonly createdSales = new Map<number, SaleSpec>();
  private readonly closedCounters = new Map<string, number>();
  private nextSaleId: number;

  constructor(readonly options: AccountOptions) {
    this.reference = buildReference(options.seed, options.account);
    this.gtins = new GtinCodec(hash32(options.seed, Stream.barcodes));
    this.generator = new ProductGenerator(
      options.seed,
      this.reference,
      this.gtins,
      options.anchorWallMs,
    );
    this.baseProductCount = options.products;
    this.customerCount = options.customers;
    this.history = new SalesHistory({
      seed: options.seed,
      reference: this.reference,
      anchorWallMs: options.anchorWallMs,
      days: options.days,
      salesPerDay: options.salesPerDay,
      productCount: options.products,
      customerCount: options.customers,
      returnLines: options.returnLines,
      product: (id) => this.generator.generate(id),
      customer: (id) => this.customer(id),
    });
    this.nextSaleId = this.history.nextSaleId;
  }

  get productCount(): number {
    return this.baseProductCount + this.added.size;
  }

  /** The product as the API shows it now (mutations applied), or undefined. */
  product(id: number): ProductSpec | undefined {
    if (!Number.isInteger(id) || id < 1) return undefined;
    const base = id <= this.baseProductCount ? this.generator.generate(id) : this.added.get(id);
    if (!base) return undefined;
    const patch = this.patches.get(id);
    const patched = patch ? { ...base, ...patch } : base;
    if (this.stockOverrides.size === 0) return patched;
    let changed = false;
    const stock = patched.stock.map((cell) => {
      const override = this.stockOverrides.get(stockKey(id, cell.sizeId, cell.warehouseId));
      if (override === undefined) return cell;
      changed = true;
      return { ...cell, quantity: override };
    });
    return changed ? { ...patched, stock } : patched;
  }

  patchProduct(id: number, patch: ProductPatch): void {
    this.patches.set(id, { ...this.patches.get(id), ...patch });
  }

  setStock(productId: number, sizeId: number, warehouseId: number, quantity: number): void {
    this.stockOverrides.set(stockKey(productId, sizeId, warehouseId), quantity);
  }

  addProduct(build: (id: number) => ProductSpec): ProductSpec {
    const spec = build(this.productCount + 1);
    this.added.set(spec.id, spec);
    return spec;
  }

  /** Variants whose product-level or size-level barcode is `code`. */
  findBarcode(code: string): { productId: number; sizeId: number }[] {
    const candidates = new Set<number>();
    const internal = decodeInternalBarcode(code);
    if (internal !== undefined) candidates.add(internal);
    const gtin = this.gtins.decode(code);
    if (gtin) candidates.add(gtin.productId);
    for (const [id, spec] of this.added) {
      if (spec.barcode === code || spec.sizes.some((s) => s.barcode === code)) candidates.add(id);
    }
    const hits: { productId: number; sizeId: number }[] = [];
    for (const id of candidates) {
      const spec = this.product(id);
      if (!spec) continue;
      if (spec.barcode === code) hits.push({ productId: id, sizeId: 0 });
      for (const size of spec.sizes)
        if (size.barcode === code) hits.push({ productId: id, sizeId: size.sizeId });
    }
    return hits;
  }

  customer(id: number): CustomerSpec | undefined {
    if (!Number.isInteger(id) || id < 1 || id > this.customerCount) return undefined;
    return generateCustomer(this.options.seed, id, this.history.firstDayWallMs);
  }

  sale(id: number): SaleSpec | undefined {
    return this.createdSales.get(id) ?? this.history.sale(id);
  }

  get createdSaleCount(): number {
    return this.createdSales.size;
  }

  allocateSaleId(): number {
    return this.nextSaleId++;
  }

  putSale(sale: SaleSpec): void {
    this.createdSales.set(sale.id, sale);
  }

  /** Next `nth_closed_store` for a sale closed now in `storeId` (the counter restarts monthly). */
  nextClosedNumber(storeId: number, completedWallMs: number): number {
    const month = monthKey(completedWallMs);
    const key = `${storeId}:${month}`;
    const current = this.closedCounters.get(key) ?? this.history.closedInMonth(storeId, month);
    this.closedCounters.set(key, current + 1);
    return current + 1;
  }

  closedSaleIds(storeId: number, dayWallMs: number): number[] {
    const ids = this.history.saleIdsOn(storeId, dayWallMs);
    const day = dateZ(dayWallMs);
    for (const sale of this.createdSales.values()) {
      if (
        sale.storeId === storeId &&
        sale.completedWallMs !== null &&
        dateZ(sale.completedWallMs) === day
      ) {
        ids.push(sale.id);
      }
    }
    return ids;
  }

  openSaleIds(storeId: number): number[] {
    return [...this.createdSales.values()]
      .filter((sale) => sale.storeId === storeId && sale.completedWallMs === null)
      .map((sale) => sale.id);
  }

  salesOfCustomer(customerId: number): number[] {
    const ids = [...this.history.salesOfCustomer(customerId)];
    for (const sale of this.createdSales.values()) {
      if (sale.customerId === customerId) ids.push(sale.id);
    }
    return ids;
  }

  /** The customer's sales, oldest first; `lastOnly` builds just the latest (for list rows). */
  customerSales(customerId: number, lastOnly = false): SaleSpec[] {
    const ids = this.salesOfCustomer(customerId).sort((a, b) => a - b);
    return (lastOnly ? ids.slice(-1) : ids).flatMap((id) => {
      const sale = this.sale(id);
      return sale ? [sale] : [];
    });
  }

  /** Days (wall midnight) covered by the generated history, oldest first. */
  historyDays(): number[] {
    return Array.from(
      { length: this.options.days },
      (_, d) => this.history.firstDayWallMs + d * DAY_MS,
    );
  }
}
