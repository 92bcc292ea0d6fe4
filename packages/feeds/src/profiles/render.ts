import type { Money } from "@comptoir/api-client";
import type { FeedItem } from "../model/item.ts";
import type { FeedSettings, LocalStoreSetting } from "../settings/schema.ts";
import type { ChannelProfile, ColumnSpec, ColumnValue, LocalAvailability } from "./types.ts";

/** A rendered value: text, a list for repeated attributes, or absent. */
export type CellValue = string | readonly string[] | undefined;

/** One store's view of an item, for local inventory rows. */
export interface StoreRow {
  readonly storeCode: string;
  readonly availability: LocalAvailability;
  readonly quantity: number;
  readonly pickupMethod: string | undefined;
  readonly pickupSla: string | undefined;
}

export interface RenderContext {
  readonly profile: ChannelProfile;
  readonly columns: readonly ColumnSpec[];
  /** The title template already shows the size: do not append it again. */
  readonly titleHasSize: boolean;
}

export function renderContext(profile: ChannelProfile, settings: FeedSettings): RenderContext {
  return {
    profile,
    columns: [...profile.columns, ...(profile.settingsColumns?.(settings) ?? [])],
    titleHasSize: settings.titleTemplate.includes("{size}"),
  };
}

/** `12.50 EUR`: decimal point, two decimals, no grouping, whatever the process locale. */
export function formatPrice(amount: Money, currency: string): string {
  // The price column and check I11 format the same (immutable) amount one after the other:
  // remembering the last one saves a bigint round and toString per item.
  if (amount === lastPrice.amount && currency === lastPrice.currency) return lastPrice.text;
  const text = `${amount.round(2).toString()} ${currency}`;
  lastPrice = { amount, currency, text };
  return text;
}

let lastPrice: { amount: Money | null; currency: string; text: string } = {
  amount: null,
  currency: "",
  text: "",
};

export function renderCells(context: RenderContext, item: FeedItem, store?: StoreRow): CellValue[] {
  return context.columns.map((column) => cellGetter(column.value, context)(item, store));
}

/** How one column's value is read from an item (and its store row, for local inventory). */
export type CellGetter = (item: FeedItem, store: StoreRow | undefined) => CellValue;

/**
 * The getter of a column, chosen once per run rather than by a `switch` over the column's
 * value for every cell of every item.
 */
export function cellGetter(value: ColumnValue, context: RenderContext): CellGetter {
  if (typeof value === "object") {
    const constant = value.constant === "" ? undefined : value.constant;
    return () => constant;
  }
  const availability = context.profile.availability;
  switch (value) {
    case "id":
      return (item) => item.id;
    case "itemGroupId":
      return (item) => item.itemGroupId ?? undefined;
    case "title":
      return context.profile.titleVariantDetails && !context.titleHasSize
        ? (item) => (item.size !== null ? `${item.title} - ${item.size}` : item.title)
        : (item) => item.title;
    case "description":
      return (item) => item.description || undefined;
    case "link":
      return (item) => item.link;
    case "imageLink":
      return (item) => item.imageLink ?? undefined;
    case "additionalImageLinks":
      return (item) =>
        item.additionalImageLinks.length > 0 ? item.additionalImageLinks : undefined;
    case "allImageLinks":
      return (item) =>
        item.imageLink === null ? undefined : [item.imageLink, ...item.additionalImageLinks];
    case "price":
      return (item) => formatPrice(item.price, item.currency);
    case "salePrice":
      return (item) =>
        item.salePrice === null ? undefined : formatPrice(item.salePrice, item.currency);
    case "chargedAmount":
      return (item) => (item.salePrice ?? item.price).round(2).toString();
    case "formerAmount":
      return (item) => (item.salePrice === null ? undefined : item.price.round(2).toString());
    case "availability":
      return (item) => availability[item.availability];
    case "availabilityDate":
      return (item) => item.availabilityDate ?? undefined;
    case "quantity":
      return (item) => String(item.quantity);
    case "brand":
      return (item) => item.brand ?? undefined;
    case "gtin":
      return (item) => item.gtin ?? undefined;
    case "mpn":
      return (item) => item.mpn ?? undefined;
    case "identifierExists":
      return (item) => (item.identifierExists ? undefined : "no");
    case "condition":
      return (item) => item.condition;
    case "size":
      return (item) => item.size ?? undefined;
    case "color":
      return (item) => item.color ?? undefined;
    case "gender":
      return (item) => item.gender ?? undefined;
    case "ageGroup":
      return (item) => item.ageGroup ?? undefined;
    case "googleProductCategory":
      return (item) =>
        item.googleProductCategory === null ? undefined : String(item.googleProductCategory);
    case "productType":
      return (item) => item.productType ?? undefined;
    case "customLabel0":
    case "customLabel1":
    case "customLabel2":
    case "customLabel3":
    case "customLabel4": {
      const index = Number(value.slice(-1));
      return (item) => item.customLabels[index] ?? undefined;
    }
    case "updatedAt":
      return (item) => item.updatedAt ?? undefined;
    case "productId":
      return (item) => String(item.productId);
    case "sizeId":
      return (item) => (item.sizeId === 0 ? undefined : String(item.sizeId));
    case "storeCode":
      return (_item, store) => store?.storeCode;
    case "storeAvailability":
      return (_item, store) => store?.availability;
    case "storeQuantity":
      // Without stock management there is no count to give: the row says in_stock only.
      return (item, store) =>
        store === undefined || !item.stockManaged ? undefined : String(store.quantity);
    case "pickupMethod":
      return (_item, store) => store?.pickupMethod;
    case "pickupSla":
      return (_item, store) => store?.pickupSla;
  }
}

/**
 * The store rows of an item. A store sells the stock of its own warehouse unless the settings
 * name others; stock management off means in stock everywhere.
 */
export function storeRows(
  item: FeedItem,
  stores: readonly {
    readonly setting: LocalStoreSetting;
    readonly warehouseIds: readonly number[];
  }[],
  limitedBelow: number,
): StoreRow[] {
  return stores.map(({ setting, warehouseIds }) => {
    let quantity = 0;
    for (const cell of item.stockByWarehouse)
      if (warehouseIds.includes(cell.warehouseId)) quantity += cell.quantity;
    let availability: LocalAvailability;
    if (!item.stockManaged) availability = "in_stock";
    else if (quantity <= 0) availability = "out_of_stock";
    else availability = quantity < limitedBelow ? "limited_availability" : "in_stock";
    return {
      storeCode: setting.storeCode,
      availability,
      quantity,
      pickupMethod: setting.pickupMethod,
      pickupSla: setting.pickupMethod === "not supported" ? undefined : setting.pickupSla,
    };
  });
}
