import type { SourceProduct } from "../../src/index.ts";
import { dress, money, product } from "./fixtures.ts";

/**
 * Hostile catalog data, as the issue lists it: markup characters, CDATA terminators, control
 * characters, emoji, right-to-left text, 300-character names, HTML descriptions, invalid
 * barcodes, negative stock, archived and hidden products, a category hidden from the web, and
 * formula-like cells.
 */
export function hostileProducts(): SourceProduct[] {
  return [
    product({
      id: 1,
      name: 'Savon "lait & miel" <bio> ]]> fin',
      description: "A & B < C > D ]]> E",
    }),
    product({
      id: 2,
      name: "Bougie\u0003 ambre\u0000 \u001F douce",
      description: "<p>Texte&nbsp;avec\u0003 contrôle</p>",
    }),
    product({ id: 3, name: "Mug café ☕ 🎁 famille 👨‍👩‍👧", description: "Emoji 🔥 partout 😀" }),
    product({
      id: 4,
      name: "כוס קפה — كوب قهوة",
      description: "טקסט מימין לשמאל. نص من اليمين إلى اليسار.",
    }),
    product({
      id: 5,
      name: `Plaid ${"très long ".repeat(30)}`,
      description: "Nom de 300 caractères.",
    }),
    product({
      id: 6,
      name: "Coussin",
      description:
        "<h2>Coussin &eacute;l&eacute;gant</h2><p>Doux&nbsp;&amp; moelleux<br/>Lavable&#160;à 30&deg;C</p><script>alert(1)</script><ul><li>Lin</li><li>Coton</li></ul>",
    }),
    product({ id: 7, name: "Carnet", barcode: "1234567890128" }),
    product({ id: 8, name: "Carnet interne", barcode: "2430000000300" }),
    product({
      id: 9,
      name: "Carnet stock négatif",
      stock: [
        { sizeId: 0, warehouseId: 1, available: -5 },
        { sizeId: 0, warehouseId: 2, available: 3 },
      ],
    }),
    product({ id: 10, name: "Archivé", archived: true }),
    product({ id: 11, name: "Pas pour le web", publishedOnWeb: false }),
    product({ id: 12, name: "Catégorie cachée", categoryId: 31 }),
    product({
      id: 13,
      name: '=HYPERLINK("http://evil.example","clic")',
      description: "+SUM(A1:A2) -2+3 @cmd",
    }),
    product({
      id: 14,
      name: "Prix « 1 234,50 € »",
      price: money("1234.50"),
      discountPrice: money("999.00"),
    }),
    product({ id: 15, name: "Sans image", images: [] }),
    product({
      id: 16,
      name: "Windows \u0092smart\u0093 quotes\u0094",
      description: "Caf\u00C3\u00A9 mojibake",
    }),
    product({ id: 17, name: "Tab\there\nnewline\r\nand  spaces", supplierReference: "REF\t42" }),
    dress(18),
    dress(19, {
      name: "Robe coton",
      variants: [
        { sizeId: 4, name: "36/38", barcode: "" },
        { sizeId: 5, name: "40 & +", barcode: "96385074" },
      ],
    }),
  ];
}
