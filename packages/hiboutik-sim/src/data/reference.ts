import { frenchIban, frenchVatNumber, siren, siret } from "./identity.ts";
import { hash32, Rng, Stream } from "./prng.ts";
import { type LeafDef, type SizeKind, TAXONOMY, type TaxKey } from "./taxonomy.ts";
import { slugify } from "./text.ts";

/**
 * Account-level reference data: small (tens of rows), so it is built once per simulator.
 * Ids are assigned in a fixed order, so they are identical for every seed.
 */

export interface Category {
  readonly id: number;
  readonly name: string;
  readonly parentId: number;
  readonly enabled: number;
  readonly enabledWww: number;
  readonly position: number;
  readonly color: string;
  readonly bckColor: string;
}

export interface Leaf {
  readonly category: Category;
  readonly rootIndex: number;
  readonly def: LeafDef;
  readonly brandIds: readonly number[];
  readonly supplierIds: readonly number[];
  readonly taxId: number;
  readonly sizeType: SizeType | undefined;
  /** Prefix of supplier references, e.g. "ROB" for "Robes". */
  readonly refPrefix: string;
  /** Relative share of the catalog. */
  readonly weight: number;
}

export interface Brand {
  readonly id: number;
  readonly name: string;
  readonly enabledWww: number;
}

export interface Supplier {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly refExt: string;
}

export interface Tax {
  readonly id: number;
  readonly key: TaxKey | "zero";
  /** Units of 1/100,000: 20 % = 20000. */
  readonly rate: number;
  readonly name: string;
  /** The label printed on sale lines and tax summaries. */
  readonly label: string;
  readonly accountingAccount: string;
}

export interface Size {
  readonly id: number;
  readonly typeId: number;
  readonly name: string;
  readonly position: number;
}

export interface SizeType {
  readonly id: number;
  readonly name: string;
  readonly kind: SizeKind;
  readonly sizes: readonly Size[];
}

export interface StoreAddress {
  readonly company: string;
  readonly address: string;
  readonly zippostal_code: string;
  readonly city: string;
  readonly country: string;
  readonly tax_number: string;
  readonly company_number: string;
  readonly legal_status: string;
  readonly code_naf: string;
  readonly email: string;
  readonly phone: string;
  readonly iban: string;
}

export interface Store {
  readonly id: number;
  readonly name: string;
  readonly warehouseId: number;
  readonly currency: string;
  readonly defaultPayment: string;
  readonly timeZone: string;
  readonly paymentTypes: readonly string[];
  /** Seller identity as sent in sale payloads (`store_address`). */
  readonly address: StoreAddress;
  /** Relative sales volume. */
  readonly traffic: number;
  /** Open on Sundays (0 = Sunday in Date.getUTCDay()). */
  readonly openSunday: boolean;
}

export interface Warehouse {
  readonly id: number;
  readonly name: string;
}

export interface Vendor {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly storeId: number;
}

export interface TagDetail {
  readonly id: number;
  readonly name: string;
  readonly enabledWww: number;
}

export interface TagCategory {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly tags: readonly TagDetail[];
}

export interface Reference {
  readonly categories: readonly Category[];
  readonly categoryById: ReadonlyMap<number, Category>;
  readonly leaves: readonly Leaf[];
  /** Running sums of leaf weights, for `Rng.cumulative`. */
  readonly leafSums: readonly number[];
  readonly brands: readonly Brand[];
  readonly suppliers: readonly Supplier[];
  readonly taxes: readonly Tax[];
  readonly taxById: ReadonlyMap<number, Tax>;
  readonly sizeTypes: readonly SizeType[];
  readonly sizeById: ReadonlyMap<number, Size>;
  readonly stores: readonly Store[];
  readonly warehouses: readonly Warehouse[];
  readonly vendors: readonly Vendor[];
  readonly productTags: readonly TagCategory[];
  readonly productTagIds: readonly number[];
  readonly tagNames: ReadonlyMap<number, string>;
  readonly customerTags: readonly TagCategory[];
  readonly paymentLabels: ReadonlyMap<string, string>;
}

const PALETTE = [
  "#1F3A5F",
  "#2E5E8C",
  "#8C2E4B",
  "#3E7D4F",
  "#C07A2C",
  "#6B4C9A",
  "#F2C94C",
  "#4F4F4F",
];

const TAXES: readonly Tax[] = [
  {
    id: 1,
    key: "normal",
    rate: 20_000,
    name: "TVA 20%",
    label: "Taux normal 20%",
    accountingAccount: "445711",
  },
  {
    id: 2,
    key: "intermediate",
    rate: 10_000,
    name: "TVA 10%",
    label: "Taux intermédiaire 10%",
    accountingAccount: "445712",
  },
  {
    id: 3,
    key: "reduced",
    rate: 5_500,
    name: "TVA 5.5%",
    label: "Taux réduit 5.5%",
    accountingAccount: "445713",
  },
  {
    id: 4,
    key: "special",
    rate: 2_100,
    name: "TVA 2.1%",
    label: "Taux particulier 2.1%",
    accountingAccount: "445714",
  },
  { id: 5, key: "zero", rate: 0, name: "TVA 0%", label: "Exonéré 0%", accountingAccount: "445710" },
];

const SIZE_TYPE_DEFS: readonly { name: string; kind: SizeKind; sizes: readonly string[] }[] = [
  { name: "Tailles adulte", kind: "adult", sizes: ["XS", "S", "M", "L", "XL", "XXL"] },
  {
    name: "Pointures",
    kind: "shoes",
    sizes: ["36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46"],
  },
  {
    name: "Tailles enfant",
    kind: "kids",
    sizes: ["3 mois", "6 mois", "12 mois", "2 ans", "4 ans", "6 ans", "8 ans"],
  },
  { name: "Formats bougie", kind: "candle", sizes: ["Petite", "Moyenne", "Grande"] },
];

const ROOT_WEIGHTS: Readonly<Record<string, number>> = {
  Vêtements: 9,
  Chaussures: 3,
  "Épicerie fine": 5,
  Cave: 2,
  Librairie: 4,
  Maison: 3,
  Beauté: 2,
  "Salon de thé": 1,
};

export const PAYMENT_LABELS: ReadonlyMap<string, string> = new Map([
  ["ESP", "Espèces"],
  ["CB", "Carte bancaire"],
  ["CHE", "Chèque"],
  ["TR", "Titre-restaurant"],
  ["VIR", "Virement"],
  ["DIV", "Paiement multiple"],
]);

function buildCategories(
  brandIds: Map<string, number>,
  supplierIds: Map<string, number>,
  sizeTypes: readonly SizeType[],
) {
  const categories: Category[] = [];
  const leaves: Leaf[] = [];
  const taxByKey = new Map(TAXES.map((tax) => [tax.key, tax.id]));
  const sizeTypeByKind = new Map(sizeTypes.map((type) => [type.kind, type]));
  const add = (
    name: string,
    parentId: number,
    position: number,
    enabledWww: boolean,
    enabled = true,
  ) => {
    const id = categories.length + 1;
    const category: Category = {
      id,
      name,
      parentId,
      enabled: enabled ? 1 : 0,
      enabledWww: enabledWww ? 1 : 0,
      position,
      color: "#FFFFFF",
      bckColor: PALETTE[id % PALETTE.length] ?? "#000000",
    };
    categories.push(category);
    return category;
  };
  TAXONOMY.forEach((root, rootIndex) => {
    const rootCategory = add(root.name, 0, rootIndex + 1, root.enabledWww);
    const leafCount = root.families.reduce((n, family) => n + family.leaves.length, 0);
    root.families.forEach((family, familyIndex) => {
      const familyCategory = add(family.name, rootCategory.id, familyIndex + 1, root.enabledWww);
      family.leaves.forEach((def, leafIndex) => {
        leaves.push({
          category: add(def.name, familyCategory.id, leafIndex + 1, root.enabledWww),
          rootIndex,
          def,
          brandIds: root.brands.map((name) => brandIds.get(name) ?? 0),
          supplierIds: root.suppliers.map((name) => supplierIds.get(name) ?? 0),
          taxId: taxByKey.get(def.tax) ?? 1,
          sizeType: sizeTypeByKind.get(def.sizes),
          refPrefix: slugify(def.name).slice(0, 3).toUpperCase(),
          weight: (ROOT_WEIGHTS[root.name] ?? 1) / leafCount,
        });
      });
    });
  });
  // A retired root with no products: present in /categories, disabled everywhere.
  add("Anciennes collections", 0, TAXONOMY.length + 1, false, false);
  return { categories, leaves };
}

function buildSizeTypes(): SizeType[] {
  let nextSizeId = 1;
  return SIZE_TYPE_DEFS.map((def, index) => {
    const typeId = index + 1;
    const sizes = def.sizes.map((name, position) => ({
      id: nextSizeId++,
      typeId,
      name,
      position: position + 1,
    }));
    return { id: typeId, name: def.name, kind: def.kind, sizes };
  });
}

function buildStores(seed: number, account: string): Store[] {
  const rng = new Rng(hash32(seed, Stream.identity));
  const companySiren = siren(rng);
  const vat = frenchVatNumber(companySiren);
  const iban = frenchIban(rng);
  // Field order as in the real sale webhook payload (doc §4.19).
  const address = (
    street: string,
    zip: string,
    city: string,
    establishment: number,
    email: string,
    phone: string,
  ): StoreAddress => ({
    company: "COMPTOIR DES CANUTS",
    address: street,
    zippostal_code: zip,
    city,
    country: "FRA",
    tax_number: vat,
    company_number: siret(companySiren, establishment),
    legal_status: "SAS",
    code_naf: "4771Z",
    email,
    phone,
    iban,
  });
  return [
    {
      id: 1,
      name: "Boutique Presqu'île",
      warehouseId: 1,
      currency: "EUR",
      defaultPayment: "CB",
      timeZone: "Europe/Paris",
      paymentTypes: ["ESP", "CB", "CHE", "TR"],
      traffic: 1,
      openSunday: false,
      address: address(
        "12 RUE MERCIÈRE",
        "69002",
        "LYON",
        12,
        `lyon@${account}.fr`,
        "04 78 00 00 12",
      ),
    },
    {
      id: 2,
      name: "Boutique Canal Saint-Martin",
      warehouseId: 2,
      currency: "EUR",
      defaultPayment: "CB",
      timeZone: "Europe/Paris",
      paymentTypes: ["ESP", "CB", "CHE", "TR", "VIR"],
      traffic: 0.7,
      openSunday: true,
      address: address(
        "48 QUAI DE VALMY",
        "75010",
        "PARIS",
        28,
        `paris@${account}.fr`,
        "01 42 00 00 48",
      ),
    },
  ];
}

export function buildReference(seed: number, account: string): Reference {
  const brandNames = [...new Set(TAXONOMY.flatMap((root) => root.brands))];
  const supplierNames = [...new Set(TAXONOMY.flatMap((root) => root.suppliers))];
  const brands = brandNames.map((name, index) => ({
    id: index + 1,
    name,
    // One brand is hidden from the web, to exercise `brand_enabled_www` filters.
    enabledWww: name === "Officine Lyonnaise" ? 0 : 1,
  }));
  const suppliers = supplierNames.map((name, index) => ({
    id: index + 1,
    name,
    email: `commandes@${slugify(name)}.fr`,
    refExt: `FOUR-${String(index + 1).padStart(3, "0")}`,
  }));
  const sizeTypes = buildSizeTypes();
  const { categories, leaves } = buildCategories(
    new Map(brands.map((b) => [b.name, b.id])),
    new Map(suppliers.map((s) => [s.name, s.id])),
    sizeTypes,
  );
  let tagId = 1;
  const tagCategory = (
    id: number,
    name: string,
    description: string,
    tags: readonly (readonly [string, number])[],
  ) => ({
    id,
    name,
    description,
    tags: tags.map(([tag, www]) => ({ id: tagId++, name: tag, enabledWww: www })),
  });
  const productTags = [
    tagCategory(1, "Saison", "Collection", [
      ["Printemps-été", 1],
      ["Automne-hiver", 1],
    ]),
    tagCategory(2, "Labels", "Labels et certifications", [
      ["Bio", 1],
      ["Fabriqué en France", 1],
      ["Vegan", 1],
    ]),
    tagCategory(3, "Mise en avant", "Vitrine", [
      ["Nouveauté", 1],
      ["Coup de cœur", 1],
      ["Fin de série", 0],
    ]),
  ];
  const productTagList = productTags.flatMap((category) => category.tags);
  return {
    categories,
    categoryById: new Map(categories.map((c) => [c.id, c])),
    leaves,
    leafSums: leaves.reduce<number[]>((sums, leaf) => {
      sums.push((sums[sums.length - 1] ?? 0) + leaf.weight);
      return sums;
    }, []),
    brands,
    suppliers,
    taxes: TAXES,
    taxById: new Map(TAXES.map((t) => [t.id, t])),
    sizeTypes,
    sizeById: new Map(
      sizeTypes.flatMap((type) => type.sizes.map((size) => [size.id, size] as const)),
    ),
    stores: buildStores(seed, account),
    warehouses: [
      { id: 1, name: "Réserve Lyon" },
      { id: 2, name: "Réserve Paris" },
      { id: 3, name: "Entrepôt Villeurbanne" },
    ],
    vendors: [
      {
        id: 1,
        firstName: "Hélène",
        lastName: "GARNIER",
        email: `contact@${account}.fr`,
        storeId: 1,
      },
      {
        id: 2,
        firstName: "Camille",
        lastName: "DURAND",
        email: `camille@${account}.fr`,
        storeId: 1,
      },
      { id: 3, firstName: "Yanis", lastName: "BENALI", email: `yanis@${account}.fr`, storeId: 1 },
      {
        id: 4,
        firstName: "Margaux",
        lastName: "PERRIN",
        email: `margaux@${account}.fr`,
        storeId: 2,
      },
      { id: 5, firstName: "Louis", lastName: "FAURE", email: `louis@${account}.fr`, storeId: 2 },
    ],
    productTags,
    productTagIds: productTagList.map((tag) => tag.id),
    tagNames: new Map(productTagList.map((tag) => [tag.id, tag.name])),
    customerTags: [
      tagCategory(4, "Fidélité", "Segments clients", [
        ["VIP", 1],
        ["Professionnel", 1],
      ]),
    ],
    paymentLabels: PAYMENT_LABELS,
  };
}
