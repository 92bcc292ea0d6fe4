import { GOOGLE_TAXONOMY_ROWS, GOOGLE_TAXONOMY_VERSION } from "./google-taxonomy.gen.ts";

export interface TaxonomyCategory {
  readonly id: number;
  /** 0 for a top-level category. */
  readonly parentId: number;
  readonly name: string;
}

export interface GoogleTaxonomy {
  readonly version: string;
  readonly size: number;
  has(id: number): boolean;
  get(id: number): TaxonomyCategory | undefined;
  /** "Apparel & Accessories > Clothing > Dresses"; undefined for an unknown id. */
  path(id: number): string | undefined;
  /** True when `id` is `ancestorId` or one of its descendants. */
  isWithin(id: number, ancestorId: number): boolean;
  /** Categories whose path contains every word of `query` (case-insensitive), in Google's order. */
  search(query: string, limit?: number): TaxonomyCategory[];
}

let cached: GoogleTaxonomy | undefined;

/** The shipped taxonomy, parsed once on first use (about 5,600 rows, a few milliseconds). */
export function googleTaxonomy(): GoogleTaxonomy {
  cached ??= parseTaxonomy(GOOGLE_TAXONOMY_VERSION, GOOGLE_TAXONOMY_ROWS);
  return cached;
}

function parseTaxonomy(version: string, rows: string): GoogleTaxonomy {
  const byId = new Map<number, TaxonomyCategory>();
  const order: TaxonomyCategory[] = [];
  for (const row of rows.split("\n")) {
    const [id, parentId, name] = row.split("\t");
    const category = { id: Number(id), parentId: Number(parentId), name: name ?? "" };
    byId.set(category.id, category);
    order.push(category);
  }
  const paths = new Map<number, string>();
  const path = (id: number): string | undefined => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const category = byId.get(id);
    if (!category) return undefined;
    const parent = category.parentId === 0 ? undefined : path(category.parentId);
    const full = parent === undefined ? category.name : `${parent} > ${category.name}`;
    paths.set(id, full);
    return full;
  };
  return {
    version,
    size: byId.size,
    has: (id) => byId.has(id),
    get: (id) => byId.get(id),
    path,
    isWithin(id, ancestorId) {
      let current = byId.get(id);
      while (current) {
        if (current.id === ancestorId) return true;
        current = current.parentId === 0 ? undefined : byId.get(current.parentId);
      }
      return false;
    },
    search(query, limit = 20) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const hits: TaxonomyCategory[] = [];
      for (const category of order) {
        const text = (path(category.id) ?? "").toLowerCase();
        if (words.every((word) => text.includes(word))) hits.push(category);
        if (hits.length >= limit) break;
      }
      return hits;
    },
  };
}
