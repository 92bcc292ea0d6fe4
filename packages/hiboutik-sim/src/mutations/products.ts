import type { ProductPatch } from "../account.ts";
import { internalBarcode } from "../data/barcodes.ts";
import type { MutationKit } from "./kit.ts";
import type { Mutations, ProductInput } from "./types.ts";

type ProductMutations = Pick<
  Mutations,
  | "setPrice"
  | "setDiscountPrice"
  | "archiveProduct"
  | "setWebVisibility"
  | "setStock"
  | "addProduct"
>;

export function createProductMutations(kit: MutationKit): ProductMutations {
  const { account, webhooks } = kit.deps;
  const ref = kit.reference;

  /** A change to the product form: the `product` event carries only `product_id` (doc §4.20). */
  const change = (productId: number, patch: ProductPatch) => {
    kit.product(productId);
    account.patchProduct(productId, patch);
    kit.touch(productId);
    webhooks.emit("product", { product_id: productId });
  };

  function addProduct(input: ProductInput): number {
    const categoryId = input.categoryId ?? ref.leaves[0]?.category.id ?? 1;
    if (!ref.categoryById.has(categoryId)) throw new Error(`Unknown category ${categoryId}`);
    const taxId = input.taxId ?? 1;
    if (!ref.taxById.has(taxId)) throw new Error(`Unknown tax ${taxId}`);
    const sizeTypeId = input.sizeTypeId ?? 0;
    const sizeType = ref.sizeTypes.find((t) => t.id === sizeTypeId);
    if (sizeTypeId !== 0 && !sizeType) throw new Error(`Unknown size type ${sizeTypeId}`);
    const sizeIds = sizeType ? (input.sizeIds ?? sizeType.sizes.map((s) => s.id)) : [];
    for (const sizeId of sizeIds) {
      if (!sizeType?.sizes.some((s) => s.id === sizeId)) {
        throw new Error(`Size ${sizeId} is not in size type ${sizeTypeId}`);
      }
    }
    const optionalMoney = (text: string | undefined, what: string) =>
      text === undefined ? 0 : kit.money(text, what);
    const priceCents = kit.money(input.price, "price");
    const spec = account.addProduct((id) => ({
      id,
      model: input.name,
      categoryId,
      brandId: input.brandId ?? 0,
      supplierId: input.supplierId ?? 0,
      priceCents,
      discountPriceCents: optionalMoney(input.discountPrice, "discount price"),
      supplyPriceCents: optionalMoney(input.supplyPrice, "supply price"),
      taxId,
      sizeTypeId,
      sizes: sizeIds.map((sizeId) => ({ sizeId, barcode: input.sizeBarcodes?.[sizeId] ?? "" })),
      // Products created without a barcode get Hiboutik's internal code (doc §4.12).
      barcode: input.barcode ?? internalBarcode(id),
      supplierReference: "",
      refExt: "",
      description: input.description ?? "",
      display: 1,
      displayWww: input.displayWww === false ? 0 : 1,
      archived: 0,
      stockManaged: 1,
      isPackage: 0,
      order: 0,
      bckColor: ref.categoryById.get(categoryId)?.bckColor ?? "#000000",
      accountingAccount: `7071${taxId}0`,
      storageLocation: "",
      miscInt: 0,
      updatedWallMs: kit.wallNow(),
      imageCount: input.imageCount ?? 0,
      tagIds: [],
      stock: (sizeIds.length > 0 ? sizeIds : [0]).flatMap((sizeId) =>
        ref.warehouses.map((w) => ({
          sizeId,
          warehouseId: w.id,
          quantity: input.stock ?? 0,
          alert: 0,
        })),
      ),
    }));
    webhooks.emit("product", { product_id: spec.id });
    return spec.id;
  }

  return {
    setPrice: (productId, price) => change(productId, { priceCents: kit.money(price, "price") }),
    setDiscountPrice: (productId, price) =>
      change(productId, { discountPriceCents: kit.money(price, "discount price") }),
    archiveProduct: (productId, archived = true) =>
      change(productId, { archived: archived ? 1 : 0 }),
    setWebVisibility: (productId, visible) => change(productId, { displayWww: visible ? 1 : 0 }),
    setStock(productId, sizeId, warehouseId, quantity) {
      const spec = kit.product(productId);
      kit.checkSize(spec, sizeId);
      kit.stockCell(spec, sizeId, warehouseId);
      if (!Number.isInteger(quantity)) throw new Error(`Stock must be an integer, got ${quantity}`);
      account.setStock(productId, sizeId, warehouseId, quantity);
      kit.touch(productId);
      // The stock_order payload is undocumented (doc §9.11): these fields are our choice.
      webhooks.emit("stock_order", {
        product_id: productId,
        product_size: sizeId,
        warehouse_id: warehouseId,
        stock_available: quantity,
      });
    },
    addProduct,
  };
}
