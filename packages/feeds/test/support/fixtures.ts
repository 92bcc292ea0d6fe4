import { Writable } from "node:stream";
import { Decimal, VatRate } from "@comptoir/api-client";
import {
  type ChannelProfile,
  type Exclusion,
  type FeedReference,
  type FeedSettings,
  type FeedSettingsInput,
  type FeedSource,
  feedSettings,
  type GenerateOptions,
  generateFeed,
  memoryFeedSource,
  type RunSummary,
  type SourceProduct,
} from "../../src/index.ts";

export const REFERENCE: FeedReference = {
  categories: [
    { id: 10, name: "Mode", parentId: null, enabled: true, enabledOnWeb: true },
    { id: 11, name: "Femme", parentId: 10, enabled: true, enabledOnWeb: true },
    { id: 12, name: "Robes", parentId: 11, enabled: true, enabledOnWeb: true },
    { id: 13, name: "Chaussures", parentId: 10, enabled: true, enabledOnWeb: true },
    { id: 20, name: "Maison & Déco", parentId: null, enabled: true, enabledOnWeb: true },
    { id: 21, name: "Bougies", parentId: 20, enabled: true, enabledOnWeb: true },
    { id: 30, name: "Réserve", parentId: null, enabled: true, enabledOnWeb: false },
    { id: 31, name: "Sous-réserve", parentId: 30, enabled: true, enabledOnWeb: true },
  ],
  brands: [
    { id: 1, name: "Maison Dupont", enabledOnWeb: true },
    { id: 2, name: "Atelier &amp; Co", enabledOnWeb: true },
  ],
  stores: [
    { id: 1, name: "Lyon", warehouseId: 1, code: null, address: null },
    { id: 2, name: "Paris", warehouseId: 2, code: null, address: null },
  ],
  warehouses: [
    { id: 1, name: "Lyon" },
    { id: 2, name: "Paris" },
    { id: 3, name: "Entrepôt" },
  ],
  taxes: [{ id: 1, rate: VatRate.fromPercent(20), name: "TVA 20 %" }],
  tagCategories: [
    {
      id: 5,
      name: "Couleur",
      tags: [
        { id: 51, name: "Rouge" },
        { id: 52, name: "Bleu" },
      ],
    },
  ],
};

export const money = (text: string) => Decimal.parse(text);

/** A valid, unremarkable product; tests override what they are about. */
export function product(overrides: Partial<SourceProduct> & { id: number }): SourceProduct {
  return {
    name: `Bougie parfumée ${overrides.id}`,
    shortName: null,
    description: "Une bougie coulée à la main.",
    barcode: "4006381333931",
    price: money("19.90"),
    discountPrice: null,
    supplyPrice: money("5.00"),
    taxId: 1,
    vatRate: null,
    brandId: 1,
    brandName: null,
    categoryId: 21,
    sizeTypeId: null,
    variants: [],
    stock: [
      { sizeId: 0, warehouseId: 1, available: 4 },
      { sizeId: 0, warehouseId: 2, available: 2 },
    ],
    images: [`https://cdn.shop.example/img/${overrides.id}-1.jpg`],
    tags: [],
    externalRef: null,
    supplierReference: "SUP-1",
    stockManaged: true,
    publishedOnWeb: true,
    archived: false,
    updatedAt: "2026-11-30T10:00:00",
    ...overrides,
  };
}

/** A dress in three sizes with valid GTINs. */
export function dress(id: number, overrides: Partial<SourceProduct> = {}): SourceProduct {
  return product({
    id,
    name: "Robe lin",
    categoryId: 12,
    barcode: "2430000000300",
    sizeTypeId: 1,
    variants: [
      { sizeId: 1, name: "S", barcode: "3001234567892" },
      { sizeId: 2, name: "M", barcode: "4006381333931" },
      { sizeId: 3, name: "L", barcode: "1234567890123" },
    ],
    stock: [
      { sizeId: 1, warehouseId: 1, available: 2 },
      { sizeId: 2, warehouseId: 1, available: 0 },
      { sizeId: 2, warehouseId: 2, available: -3 },
      { sizeId: 3, warehouseId: 2, available: 5 },
    ],
    tags: [{ id: 51, name: "Rouge" }],
    ...overrides,
  });
}

export const BASE_SETTINGS: FeedSettingsInput = {
  channel: { title: "Boutique Dupont & Fils", link: "https://shop.example/" },
  linkTemplate: "https://shop.example/p/{ref}?size={size}",
  categoryMapping: { "10": 166, "12": 2271, "13": 187, "20": 536 },
  attributes: {
    gender: { byCategory: { "11": "female" }, default: "unisex" },
    ageGroup: { default: "adult" },
    color: { tagCategoryIds: [5] },
  },
  localInventory: {
    stores: [
      { storeId: 1, storeCode: "LYON-01", pickupMethod: "reserve", pickupSla: "same day" },
      { storeId: 2, storeCode: "PARIS-10" },
    ],
  },
  output: { gzip: false },
};

export function settingsWith(overrides: Partial<FeedSettingsInput> = {}): FeedSettings {
  return feedSettings({ ...BASE_SETTINGS, ...overrides });
}

export interface CollectedRun {
  readonly text: string;
  readonly bytes: Buffer;
  readonly summary: RunSummary;
  readonly exclusions: Exclusion[];
}

/** Runs a feed over products in memory and returns the file, the summary and every exclusion. */
export function collect(
  profile: ChannelProfile,
  products: readonly SourceProduct[],
  settings: FeedSettings = settingsWith(),
  options: GenerateOptions = {},
  reference: FeedReference = REFERENCE,
): Promise<CollectedRun> {
  return collectFrom(memoryFeedSource({ reference, products }), profile, settings, options);
}

export async function collectFrom(
  source: FeedSource,
  profile: ChannelProfile,
  settings: FeedSettings = settingsWith(),
  options: GenerateOptions = {},
): Promise<CollectedRun> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const exclusions: Exclusion[] = [];
  const { summary } = await generateFeed(
    source,
    settings,
    profile,
    { kind: "stream", stream: sink },
    {
      xmlCheck: "full",
      ...options,
      onExclusion: (exclusion) => exclusions.push(exclusion),
    },
  );
  const bytes = Buffer.concat(chunks);
  return { text: bytes.toString("utf8"), bytes, summary, exclusions };
}
