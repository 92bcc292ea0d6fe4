/**
 * The shop's assortment: three category levels (root → family → leaf). Each leaf says what its
 * products look like: names, VAT rate, size type, price range, whether stock is tracked.
 * The tree is the same for every seed; products, customers and sales vary with the seed.
 */

export type TaxKey = "normal" | "intermediate" | "reduced" | "special";
export type SizeKind = "none" | "adult" | "shoes" | "kids" | "candle";

export interface LeafDef {
  readonly name: string;
  /** Base names; a product name is `${noun} ${variant}`. */
  readonly nouns: readonly string[];
  readonly variants: readonly string[];
  readonly tax: TaxKey;
  readonly sizes: SizeKind;
  /** Tax-inclusive price range in euros. */
  readonly price: readonly [number, number];
  readonly stockManaged?: boolean;
  /** Bundles (`product_package = 1`); `/sales/add_product` refuses them on the real API. */
  readonly package?: boolean;
}

export interface FamilyDef {
  readonly name: string;
  readonly leaves: readonly LeafDef[];
}

export interface RootDef {
  readonly name: string;
  readonly enabledWww: boolean;
  readonly brands: readonly string[];
  readonly suppliers: readonly string[];
  readonly families: readonly FamilyDef[];
}

const FABRICS = [
  "coton bio",
  "lin lavé",
  "laine mérinos",
  "jersey",
  "denim brut",
  "velours côtelé",
];
const COLOURS = [
  "Noir",
  "Écru",
  "Bleu marine",
  "Vert sauge",
  "Terracotta",
  "Gris chiné",
  "Bordeaux",
];

function clothes(
  name: string,
  nouns: readonly string[],
  price: readonly [number, number],
  sizes: SizeKind = "adult",
): LeafDef {
  return {
    name,
    nouns,
    variants: FABRICS.flatMap((fabric) => COLOURS.map((colour) => `${fabric} ${colour}`)),
    tax: "normal",
    sizes,
    price,
  };
}

function shoes(name: string, nouns: readonly string[], price: readonly [number, number]): LeafDef {
  return {
    name,
    nouns,
    variants: ["cuir", "daim", "toile", "cuir vegan"].flatMap((m) =>
      COLOURS.map((c) => `${m} ${c}`),
    ),
    tax: "normal",
    sizes: "shoes",
    price,
  };
}

function goods(
  name: string,
  tax: TaxKey,
  nouns: readonly string[],
  variants: readonly string[],
  price: readonly [number, number],
  extra: Partial<LeafDef> = {},
): LeafDef {
  return { name, nouns, variants, tax, sizes: "none", price, ...extra };
}

export const TAXONOMY: readonly RootDef[] = [
  {
    name: "Vêtements",
    enabledWww: true,
    brands: [
      "Atelier du Lin",
      "Maison Lefèvre",
      "Les Petites Mains",
      "Coton & Cie",
      "Canut Lyonnais",
    ],
    suppliers: ["Textiles du Rhône", "Confection Ouest"],
    families: [
      {
        name: "Femme",
        leaves: [
          clothes("T-shirts femme", ["T-shirt col rond", "T-shirt col V", "Débardeur"], [19, 39]),
          clothes("Robes", ["Robe portefeuille", "Robe chemise", "Robe longue"], [49, 129]),
          clothes("Pulls femme", ["Pull col roulé", "Cardigan", "Gilet"], [45, 110]),
          clothes(
            "Pantalons femme",
            ["Pantalon large", "Jean droit", "Pantalon cigarette"],
            [49, 99],
          ),
        ],
      },
      {
        name: "Homme",
        leaves: [
          clothes("T-shirts homme", ["T-shirt col rond", "Polo", "T-shirt henley"], [19, 45]),
          clothes("Chemises", ["Chemise Oxford", "Chemise à carreaux", "Surchemise"], [45, 95]),
          clothes("Vestes homme", ["Veste de travail", "Blouson", "Caban"], [89, 249]),
        ],
      },
      {
        name: "Enfant",
        leaves: [
          clothes("Bodies", ["Body manches courtes", "Body manches longues"], [12, 25], "kids"),
          clothes("Pyjamas", ["Pyjama", "Grenouillère"], [19, 39], "kids"),
        ],
      },
    ],
  },
  {
    name: "Chaussures",
    enabledWww: true,
    brands: ["Semelles de France", "Pas à Pas", "Maison Lefèvre"],
    suppliers: ["Chausseurs Associés"],
    families: [
      {
        name: "Chaussures femme",
        leaves: [
          shoes("Baskets femme", ["Baskets basses", "Baskets montantes"], [69, 139]),
          shoes("Bottines", ["Bottines à lacets", "Chelsea boots"], [99, 189]),
        ],
      },
      {
        name: "Chaussures homme",
        leaves: [
          shoes("Baskets homme", ["Baskets basses", "Baskets running"], [69, 149]),
          shoes("Derbies", ["Derbies", "Richelieus"], [119, 229]),
        ],
      },
    ],
  },
  {
    name: "Épicerie fine",
    enabledWww: true,
    brands: [
      "Les Confitures de Mamie",
      "Chocolaterie Bernachon",
      "Terres d'Épices",
      "Huilerie Beaujolaise",
    ],
    suppliers: ["Saveurs Régionales", "Grossiste Gourmet"],
    families: [
      {
        name: "Sucré",
        leaves: [
          goods(
            "Confitures",
            "reduced",
            ["Confiture", "Gelée", "Pâte à tartiner"],
            ["fraise", "abricot", "figue", "orange amère", "framboise", "myrtille"],
            [4.5, 9.9],
          ),
          goods(
            "Chocolats",
            "reduced",
            ["Tablette de chocolat noir", "Tablette de chocolat au lait", "Pralinés"],
            ["70 %", "aux noisettes", "fleur de sel", "orange confite"],
            [3.9, 14.9],
          ),
          goods(
            "Coffrets",
            "reduced",
            ["Coffret gourmand", "Panier garni"],
            ["Découverte", "Prestige", "Lyonnais"],
            [29, 89],
            { package: true },
          ),
        ],
      },
      {
        name: "Salé",
        leaves: [
          goods(
            "Conserves",
            "reduced",
            ["Rillettes", "Terrine", "Soupe de poissons"],
            ["de canard", "de campagne", "à l'ancienne", "aux cèpes"],
            [4.9, 12.9],
          ),
          goods(
            "Huiles et vinaigres",
            "reduced",
            ["Huile d'olive", "Huile de noix", "Vinaigre balsamique"],
            ["25 cl", "50 cl", "1 L"],
            [6.9, 24.9],
          ),
        ],
      },
      {
        name: "Boissons",
        leaves: [
          goods(
            "Thés",
            "reduced",
            ["Thé vert", "Thé noir", "Infusion"],
            ["menthe", "jasmin", "Earl Grey", "verveine"],
            [5.9, 16.9],
          ),
          goods(
            "Cafés",
            "reduced",
            ["Café en grains", "Café moulu"],
            ["Éthiopie", "Brésil", "Colombie", "Pérou"],
            [7.9, 19.9],
          ),
        ],
      },
    ],
  },
  {
    name: "Cave",
    enabledWww: true,
    brands: ["Domaine des Chênes", "Château Belair"],
    suppliers: ["Cavistes du Beaujolais"],
    families: [
      {
        name: "Vins",
        leaves: [
          goods(
            "Vins rouges",
            "normal",
            ["Côtes-du-Rhône", "Morgon", "Bordeaux supérieur"],
            ["2019", "2020", "2021", "2022"],
            [8.9, 39],
          ),
          goods(
            "Vins blancs",
            "normal",
            ["Chablis", "Muscadet", "Mâcon-Villages"],
            ["2020", "2021", "2022"],
            [9.9, 35],
          ),
        ],
      },
      {
        name: "Spiritueux",
        leaves: [
          goods(
            "Whiskies",
            "normal",
            ["Whisky tourbé", "Whisky single malt"],
            ["70 cl", "50 cl"],
            [29, 89],
          ),
        ],
      },
    ],
  },
  {
    name: "Librairie",
    enabledWww: true,
    brands: ["Éditions du Rhône", "Papeterie Clairefontaine"],
    suppliers: ["Diffusion Livres", "Papeterie Pro"],
    families: [
      {
        name: "Livres",
        leaves: [
          goods(
            "Romans",
            "reduced",
            ["Roman", "Recueil de nouvelles"],
            ["policier", "historique", "de voyage", "contemporain"],
            [7.5, 24],
          ),
          goods(
            "Bandes dessinées",
            "reduced",
            ["BD", "Manga", "Roman graphique"],
            ["tome 1", "tome 2", "intégrale"],
            [7.2, 29],
          ),
        ],
      },
      {
        name: "Papeterie",
        leaves: [
          goods(
            "Carnets",
            "normal",
            ["Carnet de croquis", "Carnet ligné", "Agenda"],
            ["A5", "A6", "A4"],
            [4.9, 24.9],
          ),
          goods(
            "Cartes postales",
            "normal",
            ["Carte postale", "Carte double"],
            ["Lyon", "Fourvière", "Vieux Lyon", "illustrée"],
            [1.5, 4.5],
          ),
        ],
      },
      {
        name: "Presse",
        leaves: [
          goods(
            "Magazines",
            "special",
            ["Magazine", "Hebdomadaire", "Quotidien régional"],
            ["n° 112", "n° 113", "hors-série"],
            [1.3, 9.9],
          ),
        ],
      },
    ],
  },
  {
    name: "Maison",
    enabledWww: true,
    brands: ["Maison Lefèvre", "Lumières de Lyon", "Terre & Feu"],
    suppliers: ["Déco Import", "Céramistes Réunis"],
    families: [
      {
        name: "Cuisine",
        leaves: [
          goods(
            "Vaisselle",
            "normal",
            ["Bol", "Assiette plate", "Mug"],
            ["grès", "porcelaine", "émaillé bleu"],
            [9.9, 39],
          ),
        ],
      },
      {
        name: "Décoration",
        leaves: [
          {
            ...goods(
              "Bougies",
              "normal",
              ["Bougie parfumée", "Bougie en cire de soja"],
              ["figuier", "bois de santal", "fleur d'oranger"],
              [14.9, 39],
            ),
            sizes: "candle",
          },
          goods(
            "Cadres",
            "normal",
            ["Cadre photo", "Cadre en chêne"],
            ["10×15", "13×18", "30×40"],
            [12.9, 49],
          ),
        ],
      },
    ],
  },
  {
    name: "Beauté",
    enabledWww: true,
    brands: ["Savonnerie de Provence", "Officine Lyonnaise"],
    suppliers: ["Cosmétiques Naturels"],
    families: [
      {
        name: "Soins",
        leaves: [
          goods(
            "Savons",
            "normal",
            ["Savon de Marseille", "Savon surgras"],
            ["olive", "lavande", "karité"],
            [3.9, 9.9],
          ),
        ],
      },
      {
        name: "Pharmacie",
        leaves: [
          goods(
            "Médicaments remboursables",
            "special",
            ["Paracétamol", "Sérum physiologique"],
            ["500 mg", "boîte de 30"],
            [1.9, 6.9],
          ),
        ],
      },
    ],
  },
  {
    name: "Salon de thé",
    enabledWww: false,
    brands: [],
    suppliers: ["Boulangerie Voisine"],
    families: [
      {
        name: "Sur place",
        leaves: [
          goods(
            "Boissons chaudes",
            "intermediate",
            ["Café", "Chocolat chaud", "Thé"],
            ["allongé", "serré", "viennois", "du jour"],
            [1.8, 5.5],
            { stockManaged: false },
          ),
        ],
      },
      {
        name: "À emporter",
        leaves: [
          goods(
            "Pâtisseries",
            "intermediate",
            ["Tarte", "Éclair", "Cookie"],
            ["au citron", "praliné", "aux pépites"],
            [2.5, 6.5],
            { stockManaged: false },
          ),
        ],
      },
    ],
  },
];
