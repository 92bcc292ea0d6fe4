import { Decimal, VatRate } from "@comptoir/api-client";
import { generatedFeedSource } from "../source/memory.ts";
import type { FeedReference, FeedSource, SourceProduct, SourceVariant } from "../source/types.ts";

/**
 * A seeded synthetic catalog for benchmarks and tests: realistic French shop data with the
 * hazards feeds meet (HTML descriptions, `&`, `<`, quotes, emoji, internal barcodes, negative
 * stock, archived and hidden products). Products are generated on demand, so a million of them
 * cost no memory.
 */
export interface SyntheticOptions {
  readonly products: number;
  readonly seed?: number;
  /** Share of products with sizes (default 0.4). */
  readonly sizedShare?: number;
}

export const SYNTHETIC_REFERENCE: FeedReference = {
  categories: [
    { id: 1, name: "Mode", parentId: null, enabled: true, enabledOnWeb: true },
    { id: 2, name: "Femme", parentId: 1, enabled: true, enabledOnWeb: true },
    { id: 3, name: "Robes & jupes", parentId: 2, enabled: true, enabledOnWeb: true },
    { id: 4, name: "Maison", parentId: null, enabled: true, enabledOnWeb: true },
    { id: 5, name: "Bougies <parfumées>", parentId: 4, enabled: true, enabledOnWeb: true },
    { id: 6, name: "Épicerie fine", parentId: null, enabled: true, enabledOnWeb: true },
    { id: 7, name: "Réserve (hors web)", parentId: null, enabled: true, enabledOnWeb: false },
  ],
  brands: [
    { id: 1, name: "Maison Dupont & Fils", enabledOnWeb: true },
    { id: 2, name: "L'Atelier «Bleu»", enabledOnWeb: true },
    { id: 3, name: "Savonnerie du Sud", enabledOnWeb: true },
  ],
  stores: [
    { id: 1, name: "Lyon", warehouseId: 1, code: "LYON-01", address: null },
    { id: 2, name: "Paris", warehouseId: 2, code: "PARIS-10", address: null },
  ],
  warehouses: [
    { id: 1, name: "Réserve Lyon" },
    { id: 2, name: "Réserve Paris" },
    { id: 3, name: "Entrepôt" },
  ],
  taxes: [
    { id: 1, rate: VatRate.fromPercent(20), name: "TVA 20 %" },
    { id: 2, rate: VatRate.fromPercent("5.5"), name: "TVA 5,5 %" },
  ],
  tagCategories: [
    {
      id: 1,
      name: "Couleur",
      tags: [
        { id: 1, name: "Rouge" },
        { id: 2, name: "Bleu marine" },
        { id: 3, name: "Vert" },
      ],
    },
  ],
};

const NOUNS = [
  "Robe",
  "Bougie",
  "Savon",
  "Confiture",
  "Écharpe",
  "Carnet",
  "Thé",
  "Mug",
  "Coussin",
  "Plaid",
];
const ADJECTIVES = [
  "lin & coton",
  "«Provence»",
  "bio",
  "fait main",
  '5" × 7"',
  "édition <limitée>",
  "100 % laine",
  "parfum cœur d'été",
];
const EMOJI = ["🌿", "🔥", "☕", "🎁"];
const SIZES = ["XS", "S", "M", "L", "XL", "XXL"];
const UNSIZED_CATEGORIES = [5, 5, 6, 6, 4, 7];

function pickFrom<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

export function syntheticProduct(id: number, seed = 1, sizedShare = 0.4): SourceProduct {
  const random = mulberry32(hash(seed, id));
  const sized = random() < sizedShare;
  const category = sized ? 3 : pickFrom(random, UNSIZED_CATEGORIES);
  const name = `${pickFrom(random, NOUNS)} ${pickFrom(random, ADJECTIVES)}${random() < 0.3 ? ` ${pickFrom(random, EMOJI)}` : ""} n°${id}`;
  const cents = 500 + Math.floor(random() * 15_000);
  const price = Decimal.of(BigInt(cents - (cents % 10) + 9), 2);
  const onSale = random() < 0.2;
  const variants: SourceVariant[] = [];
  if (sized) {
    const first = Math.floor(random() * 3);
    const count = 2 + Math.floor(random() * 3);
    for (let s = first; s < first + count && s < SIZES.length; s++) {
      variants.push({
        sizeId: s + 1,
        name: SIZES[s] ?? "U",
        barcode: random() < 0.8 ? gtin13(id * 10 + s) : "",
      });
    }
  }
  const sizeIds = variants.length > 0 ? variants.map((v) => v.sizeId) : [0];
  const stockManaged = random() < 0.9;
  const stock = stockManaged
    ? sizeIds.flatMap((sizeId) =>
        [1, 2, 3].map((warehouseId) => ({
          sizeId,
          warehouseId,
          available: Math.floor(random() * 14) - 3,
        })),
      )
    : [];
  const imageCount = Math.floor(random() * 5);
  const images = Array.from(
    { length: imageCount },
    (_, i) => `https://cdn.shop.example/img/${id}/big_${id}-${i + 1}.jpg`,
  );
  return {
    id,
    name,
    shortName: null,
    description:
      random() < 0.1
        ? null
        : `<p><strong>${escapeHtml(name)}</strong> — Une pièce choisie par nos soins&nbsp;: qualité, durabilité et élégance au quotidien.</p><ul><li>Fabriqué en France</li><li>Entretien facile, lavable à 30&deg;C</li></ul><p>Composition&nbsp;: 100&nbsp;% naturel. Idéal pour offrir ou se faire plaisir, à découvrir en boutique à Lyon et à Paris.</p>`,
    barcode:
      variants.length > 0
        ? `243${String(id).padStart(9, "0")}0`
        : random() < 0.7
          ? gtin13(id * 10 + 9)
          : null,
    price,
    discountPrice: onSale ? Decimal.of((price.units * 8n) / 10n, 2) : null,
    supplyPrice: Decimal.of(BigInt(Math.floor(cents / 3)), 2),
    taxId: category === 6 ? 2 : 1,
    vatRate: null,
    brandId: random() < 0.85 ? 1 + Math.floor(random() * 3) : null,
    brandName: null,
    categoryId: category,
    sizeTypeId: sized ? 1 : null,
    variants,
    stock,
    images,
    tags: random() < 0.5 ? [{ id: 1 + Math.floor(random() * 3), name: null }] : [],
    externalRef: random() < 0.5 ? `ref-${id}` : null,
    supplierReference: random() < 0.6 ? `SUP-${id}` : null,
    stockManaged,
    publishedOnWeb: random() < 0.93,
    archived: random() < 0.04,
    updatedAt: "2026-11-30T10:00:00",
  };
}

export function syntheticFeedSource(options: SyntheticOptions): FeedSource {
  const { products, seed = 1, sizedShare = 0.4 } = options;
  return generatedFeedSource(SYNTHETIC_REFERENCE, function* () {
    for (let id = 1; id <= products; id++) yield syntheticProduct(id, seed, sizedShare);
  });
}

/** A valid GTIN-13 in the French 30–37 range, derived from n. */
export function gtin13(n: number): string {
  const body = `3${String(100_000_000_000 + (n % 899_999_999_999)).slice(-11)}`.padStart(12, "0");
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (body.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const HTML_SPECIAL = /[&<>"]/;
const HTML_SPECIAL_ALL = /[&<>"]/g;
const HTML_ENTITY: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

function escapeHtml(text: string): string {
  return HTML_SPECIAL.test(text)
    ? text.replace(HTML_SPECIAL_ALL, (char) => HTML_ENTITY[char] ?? char)
    : text;
}

function hash(seed: number, id: number): number {
  let h = (seed * 0x9e3779b1) ^ (id * 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
