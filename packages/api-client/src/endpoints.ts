/**
 * Every path the client calls, in one place, spelled as Hiboutik's own clients spell them
 * (trailing slashes included). Ids are numbers so paths never need escaping.
 */
export const paths = {
  products: () => "/products/",
  product: (id: number) => `/products/${checkId(id, "productId")}`,
  productImages: (productId: number) => `/products_images/${checkId(productId, "productId")}`,
  sizeTypes: () => "/size_types/",
  sizes: (sizeTypeId: number) => `/sizes/${checkId(sizeTypeId, "sizeTypeId")}`,
  categories: () => "/categories/",
  brands: () => "/brands/",
  suppliers: () => "/suppliers/",
  productTags: () => "/tags/products",
  taxes: () => "/taxes/",
  stores: () => "/stores/",
  warehouses: () => "/warehouses/",
  stockByWarehouse: (warehouseId: number) =>
    `/stock_available/warehouse_id/${checkId(warehouseId, "warehouseId")}`,
  stockAllWarehouses: () => "/stock_available/all_wh/",
  stockByProduct: (productId: number) =>
    `/stock_available/product_id/${checkId(productId, "productId")}`,
  closedSales: (storeId: number, day: CalendarDay) =>
    `/closed_sales/${checkId(storeId, "storeId")}/${day.year}/${pad(day.month)}/${pad(day.day)}`,
  sale: (id: number) => `/sales/${checkId(id, "saleId")}`,
  customers: () => "/customers/",
  customer: (id: number) => `/customer/${checkId(id, "customerId")}`,
  paymentTypes: (storeId: number) => `/payment_types/${checkId(storeId, "storeId")}/`,
  webhooks: () => "/webhooks",
  webhook: (id: number) => `/webhooks/${checkId(id, "webhookId")}`,
} as const;

export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Accepts "2025-03-14" or `{ year, month, day }`; rejects impossible dates. */
export function toCalendarDay(value: string | CalendarDay): CalendarDay {
  const day =
    typeof value === "string"
      ? fromText(value)
      : { year: value.year, month: value.month, day: value.day };
  const probe = new Date(Date.UTC(day.year, day.month - 1, day.day));
  if (
    !Number.isInteger(day.year) ||
    probe.getUTCFullYear() !== day.year ||
    probe.getUTCMonth() !== day.month - 1 ||
    probe.getUTCDate() !== day.day
  ) {
    throw new RangeError(`Not a calendar day: ${JSON.stringify(value)} (expected "YYYY-MM-DD")`);
  }
  return day;
}

function fromText(text: string): CalendarDay {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { year: Number.NaN, month: 0, day: 0 };
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** Checks an id given by a caller before it goes into a path. */
function checkId(id: number, what: string): number {
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new RangeError(`${what} must be a whole number ≥ 0, got ${String(id)}`);
  }
  return id;
}
