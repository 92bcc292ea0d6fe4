import { toWallMs } from "../clock.ts";
import type { ProductSpec, StockCell } from "../data/products.ts";
import { parseMoney } from "../money.ts";
import type { MutationDeps } from "./types.ts";

/** Lookups and checks shared by the product and sale mutations; errors read like the API's. */
export class MutationKit {
  constructor(readonly deps: MutationDeps) {}

  get reference() {
    return this.deps.account.reference;
  }

  wallNow(): number {
    return toWallMs(this.deps.now());
  }

  product(id: number): ProductSpec {
    const spec = this.deps.account.product(id);
    if (!spec) {
      throw new Error(`Unknown product ${id} (the catalog has ${this.deps.account.productCount})`);
    }
    return spec;
  }

  money(text: string, what: string): number {
    const cents = parseMoney(text);
    if (cents === undefined) {
      throw new Error(`${what} must be a decimal string like "12.50", got "${text}"`);
    }
    return cents;
  }

  /** Bumps `updated_at`, as any change on the POS does. */
  touch(productId: number): void {
    this.deps.account.patchProduct(productId, { updatedWallMs: this.wallNow() });
  }

  checkSize(spec: ProductSpec, sizeId: number): void {
    if (spec.sizes.length > 0 && !spec.sizes.some((s) => s.sizeId === sizeId)) {
      throw new Error(
        `please provide a valid size_id for this product_id (product ${spec.id}, size ${sizeId})`,
      );
    }
    if (spec.sizes.length === 0 && sizeId !== 0) {
      throw new Error(`Product ${spec.id} has no sizes: use size 0`);
    }
  }

  stockCell(spec: ProductSpec, sizeId: number, warehouseId: number): StockCell {
    const found = spec.stock.find((c) => c.sizeId === sizeId && c.warehouseId === warehouseId);
    if (!found) {
      throw new Error(
        spec.stockManaged === 0
          ? `Product ${spec.id} does not track stock`
          : `No stock row for product ${spec.id}, size ${sizeId}, warehouse ${warehouseId}`,
      );
    }
    return found;
  }
}
