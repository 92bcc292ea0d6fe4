import type { VatRate } from "@comptoir/api-client";
import type { FeedSettings } from "../settings/schema.ts";
import type { FeedReference, SourceCategory, SourceStore } from "../source/types.ts";
import { cleanText } from "../text/clean.ts";
import type { AgeGroup, Condition, Gender } from "./item.ts";

/** Per-category facts resolved once per run (inheritance walks the tree only here). */
export interface CategoryFacts {
  readonly id: number;
  /** Root first. */
  readonly names: readonly string[];
  readonly path: string;
  /** The category or one of its ancestors is disabled, or hidden from the web. */
  readonly hiddenFromWeb: boolean;
  /** This category and all its ancestors, nearest first. */
  readonly lineage: readonly number[];
  readonly googleCategory: number | null;
  readonly gender: Gender | null;
  readonly ageGroup: AgeGroup | null;
  readonly condition: Condition | null;
}

export interface CatalogIndex {
  category(id: number | null): CategoryFacts | undefined;
  brandName(id: number | null): string | null;
  store(id: number): SourceStore | undefined;
  taxRate(id: number | null): VatRate | null;
  readonly warehouseIds: readonly number[];
  /** Tag id → colour name, from `attributes.color` settings. */
  readonly colorByTag: ReadonlyMap<number, string>;
}

export function buildCatalogIndex(reference: FeedReference, settings: FeedSettings): CatalogIndex {
  const byId = new Map<number, SourceCategory>(reference.categories.map((c) => [c.id, c]));
  const facts = new Map<number, CategoryFacts>();
  const { attributes } = settings;

  const resolve = (id: number, seen: Set<number>): CategoryFacts | undefined => {
    const known = facts.get(id);
    if (known) return known;
    const category = byId.get(id);
    if (!category || seen.has(id)) return undefined;
    seen.add(id);
    const parent = category.parentId === null ? undefined : resolve(category.parentId, seen);
    const name = cleanText(category.name, "plain").text;
    const names = parent ? [...parent.names, name] : [name];
    const key = String(id);
    const own: CategoryFacts = {
      id,
      names,
      path: names.join(" > "),
      hiddenFromWeb:
        !category.enabled || !category.enabledOnWeb || (parent?.hiddenFromWeb ?? false),
      lineage: parent ? [id, ...parent.lineage] : [id],
      googleCategory: settings.categoryMapping[key] ?? parent?.googleCategory ?? null,
      gender: attributes.gender.byCategory[key] ?? parent?.gender ?? null,
      ageGroup: attributes.ageGroup.byCategory[key] ?? parent?.ageGroup ?? null,
      condition: attributes.condition.byCategory[key] ?? parent?.condition ?? null,
    };
    facts.set(id, own);
    return own;
  };
  for (const category of reference.categories) resolve(category.id, new Set());

  const brands = new Map(reference.brands.map((b) => [b.id, cleanText(b.name, "plain").text]));
  const stores = new Map(reference.stores.map((s) => [s.id, s]));
  const taxes = new Map(reference.taxes.map((t) => [t.id, t.rate]));
  const colorByTag = new Map<number, string>();
  const colorGroups = new Set(attributes.color.tagCategoryIds);
  for (const group of reference.tagCategories ?? []) {
    if (!colorGroups.has(group.id)) continue;
    for (const tag of group.tags) {
      const name = cleanText(tag.name, "plain").text;
      if (name !== "") colorByTag.set(tag.id, name);
    }
  }
  for (const [tagId, color] of Object.entries(attributes.color.byTag)) {
    colorByTag.set(Number(tagId), cleanText(color, "plain").text);
  }

  return {
    category: (id) => (id === null ? undefined : facts.get(id)),
    brandName: (id) => (id === null ? null : (brands.get(id) ?? null)),
    store: (id) => stores.get(id),
    taxRate: (id) => (id === null ? null : (taxes.get(id) ?? null)),
    warehouseIds: reference.warehouses.map((w) => w.id),
    colorByTag,
  };
}
