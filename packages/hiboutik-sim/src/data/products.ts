import { DAY_MS } from "../clock.ts";
import { netOfGross } from "../money.ts";
import { type GtinCodec, internalBarcode } from "./barcodes.ts";
import { hash32, Rng, Stream } from "./prng.ts";
import type { Reference } from "./reference.ts";
import { escapeHtml, slugify } from "./text.ts";
import { DESCRIPTION_OPENERS, DESCRIPTION_POINTS } from "./words.ts";

/** One stock row: a variant (size 0 = no size) in one warehouse. */
export interface StockCell {
  readonly sizeId: number;
  readonly warehouseId: number;
  readonly quantity: number;
  readonly alert: number;
}

export interface ProductSize {
  readonly sizeId: number;
  readonly barcode: string;
}

/** The simulator's internal product; wire/products.ts turns it into Hiboutik JSON. */
export interface ProductSpec {
  readonly id: number;
  readonly model: string;
  readonly categoryId: number;
  readonly brandId: number;
  readonly supplierId: number;
  readonly priceCents: number;
  /** 0 = no promotional price. */
  readonly discountPriceCents: number;
  readonly supplyPriceCents: number;
  readonly taxId: number;
  readonly sizeTypeId: number;
  /** Sizes enabled for this product, in size-type order. */
  readonly sizes: readonly ProductSize[];
  readonly barcode: string;
  readonly supplierReference: string;
  readonly refExt: string;
  readonly description: string;
  readonly display: number;
  readonly displayWww: number;
  readonly archived: number;
  readonly stockManaged: number;
  readonly isPackage: number;
  readonly order: number;
  readonly bckColor: string;
  readonly accountingAccount: string;
  readonly storageLocation: string;
  readonly miscInt: number;
  readonly updatedWallMs: number;
  readonly imageCount: number;
  readonly tagIds: readonly number[];
  readonly stock: readonly StockCell[];
}

const ENDINGS = [90, 50, 0, 95, 90, 90];

function prettyPrice(rng: Rng, min: number, max: number): number {
  const euros = min + (max - min) * rng.next() ** 1.6;
  const ending = rng.pick(ENDINGS);
  const cents = Math.floor(euros) * 100 + ending;
  return Math.max(cents, Math.round(min * 100));
}

function description(rng: Rng, model: string): string {
  const kind = rng.next();
  if (kind < 0.12) return "";
  const opener = rng.pick(DESCRIPTION_OPENERS);
  if (kind < 0.22) return `${model}. ${opener}`;
  const first = rng.pick(DESCRIPTION_POINTS);
  let second = rng.pick(DESCRIPTION_POINTS);
  if (second === first) second = "Conseils d'utilisation en boutique";
  const composition = rng.chance(0.3) ? `<p>Composition&nbsp;: 100&nbsp;% naturel</p>` : "";
  return `<p><strong>${escapeHtml(model)}</strong> — ${opener}</p><ul><li>${first}</li><li>${second}</li></ul>${composition}`;
}

function stockQuantity(rng: Rng, warehouseId: number): number {
  const roll = rng.next();
  if (roll < 0.2) return 0;
  if (roll < 0.24) return -rng.int(1, 3);
  return warehouseId === 3 ? rng.int(0, 120) : rng.int(1, 30);
}

function tags(rng: Rng, reference: Reference): number[] {
  const all = reference.productTagIds;
  const roll = rng.next();
  if (roll < 0.5) return [];
  const first = rng.pick(all);
  if (roll < 0.85) return [first];
  const second = rng.pick(all);
  return second === first ? [first] : [first, second].sort((a, b) => a - b);
}

export class ProductGenerator {
  /** How many products were built since creation: lets tests prove generation is lazy. */
  generated = 0;

  constructor(
    private readonly seed: number,
    private readonly reference: Reference,
    private readonly gtins: GtinCodec,
    private readonly anchorWallMs: number,
  ) {}

  generate(id: number): ProductSpec {
    this.generated++;
    const rng = new Rng(hash32(this.seed, Stream.product, id));
    const leaf = this.reference.leaves[rng.cumulative(this.reference.leafSums)];
    if (!leaf) throw new Error("The taxonomy has no leaf category");
    const def = leaf.def;
    const model = `${rng.pick(def.nouns)} ${rng.pick(def.variants)}`;
    const tax = this.reference.taxById.get(leaf.taxId);
    const rate = tax?.rate ?? 20_000;
    const priceCents = prettyPrice(rng, def.price[0], def.price[1]);
    const regulated = def.tax === "special";
    const discountPriceCents =
      !regulated && rng.chance(0.12)
        ? Math.floor((priceCents * rng.pick([0.5, 0.7, 0.8])) / 100) * 100 + 90
        : 0;
    const supplyPriceCents = Math.round(netOfGross(priceCents, rate) / (2 + rng.next() * 0.6));

    const sizeType = leaf.sizeType;
    let sizes: ProductSize[] = [];
    let barcode: string;
    if (sizeType) {
      const count = sizeType.sizes.length;
      const start = rng.int(0, Math.max(0, count - 3));
      const end = rng.int(Math.min(count, start + 2), count);
      sizes = sizeType.sizes.slice(start, end).map((size) => ({
        sizeId: size.id,
        barcode: rng.chance(0.75) ? this.gtins.encode(id, size.id) : "",
      }));
      barcode = rng.chance(0.6) ? internalBarcode(id) : "";
    } else {
      barcode = rng.weighted([
        [this.gtins.encode(id, 0), 55],
        [internalBarcode(id), 30],
        ["", 15],
      ]);
    }

    const archived = rng.chance(0.05) ? 1 : 0;
    const displayWww =
      leaf.category.enabledWww === 0 || (archived === 1 ? rng.chance(0.7) : rng.chance(0.08))
        ? 0
        : 1;
    const stockManaged = def.stockManaged === false ? 0 : 1;
    const alert = rng.pick([0, 0, 2, 5]);
    const stock: StockCell[] = [];
    if (stockManaged === 1) {
      const stockRng = new Rng(hash32(this.seed, Stream.stock, id));
      const sizeIds = sizes.length > 0 ? sizes.map((s) => s.sizeId) : [0];
      for (const sizeId of sizeIds) {
        for (const warehouse of this.reference.warehouses) {
          stock.push({
            sizeId,
            warehouseId: warehouse.id,
            quantity: stockQuantity(stockRng, warehouse.id),
            alert: warehouse.id === 3 ? 0 : alert,
          });
        }
      }
    }
    return {
      id,
      model,
      categoryId: leaf.category.id,
      brandId: leaf.brandIds.length > 0 && rng.chance(0.9) ? rng.pick(leaf.brandIds) : 0,
      supplierId: leaf.supplierIds.length > 0 && rng.chance(0.85) ? rng.pick(leaf.supplierIds) : 0,
      priceCents,
      discountPriceCents: discountPriceCents < priceCents ? discountPriceCents : 0,
      supplyPriceCents,
      taxId: leaf.taxId,
      sizeTypeId: sizeType ? sizeType.id : 0,
      sizes,
      barcode,
      supplierReference: rng.chance(0.7) ? `${leaf.refPrefix}-${rng.digits(5)}` : "",
      // Hiboutik silently cuts `products_ref_ext` at 20 characters (doc §5.8).
      refExt: rng.chance(0.4) ? `${slugify(model)}-${id}`.slice(0, 20) : "",
      description: description(rng, model),
      display: archived === 1 && rng.chance(0.8) ? 0 : 1,
      displayWww,
      archived,
      stockManaged,
      isPackage: def.package === true ? 1 : 0,
      order: rng.int(0, 99),
      bckColor: leaf.category.bckColor,
      accountingAccount: `7071${leaf.taxId}0`,
      storageLocation: rng.chance(0.3)
        ? `Réserve ${rng.pick(["A", "B", "C"])}${rng.int(1, 9)}`
        : "",
      miscInt: leaf.rootIndex === 2 ? rng.pick([125, 250, 370, 500, 1000]) : 0,
      updatedWallMs:
        this.anchorWallMs - rng.int(1, 400) * DAY_MS + rng.int(8 * 3600, 20 * 3600) * 1000,
      imageCount: rng.weighted([
        [0, 15],
        [1, 45],
        [2, 25],
        [3, 10],
        [4, 5],
      ]),
      tagIds: tags(rng, this.reference),
      stock,
    };
  }
}
