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
  return `${amount.round(2).toString()} ${currency}`;
}

export function renderCells(context: RenderContext, item: FeedItem, store?: StoreRow): CellValue[] {
  return context.columns.map((column) => cellOf(column.value, item, context, store));
}

function cellOf(
  value: ColumnValue,
  item: FeedItem,
  context: RenderContext,
  store?: StoreRow,
): CellValue {
  if (typeof value === "object") return value.constant === "" ? undefined : value.constant;
  switch (value) {
    case "id":
      return item.id;
    case "itemGroupId":
      return item.itemGroupId ?? undefined;
    case "title":
      return context.profile.titleVariantDetails && item.size !== null && !context.titleHasSize
        ? `${item.title} - ${item.size}`
        : item.title;
    case "description":
      return item.description || undefined;
    case "link":
      return item.link;
    case "imageLink":
      return item.imageLink ?? undefined;
    case "additionalImageLinks":
      return item.additionalImageLinks.length > 0 ? item.additionalImageLinks : undefined;
    case "allImageLinks":
      return item.imageLink === null ? undefined : [item.imageLink, ...item.additionalImageLinks];
    case "price":
      return formatPrice(item.price, item.currency);
    case "salePrice":
      return item.salePrice === null ? undefined : formatPrice(item.salePrice, item.currency);
    case "chargedAmount":
      return (item.salePrice ?? item.price).round(2).toString();
    case "formerAmount":
      return item.salePrice === null ? undefined : item.price.round(2).toString();
    case "availability":
      return context.profile.availability[item.availability];
    case "availabilityDate":
      return item.availabilityDate ?? undefined;
    case "quantity":
      return String(item.quantity);
    case "brand":
      return item.brand ?? undefined;
    case "gtin":
      return item.gtin ?? undefined;
    case "mpn":
      return item.mpn ?? undefined;
    case "identifierExists":
      return item.identifierExists ? undefined : "no";
    case "condition":
      return item.condition;
    case "size":
      return item.size ?? undefined;
    case "color":
      return item.color ?? undefined;
    case "gender":
      return item.gender ?? undefined;
    case "ageGroup":
      return item.ageGroup ?? undefined;
    case "googleProductCategory":
      return item.googleProductCategory === null ? undefined : String(item.googleProductCategory);
    case "productType":
      return item.productType ?? undefined;
    case "customLabel0":
    case "customLabel1":
    case "customLabel2":
    case "customLabel3":
    case "customLabel4":
      return item.customLabels[Number(value.slice(-1))] ?? undefined;
    case "updatedAt":
      return item.updatedAt ?? undefined;
    case "productId":
      return String(item.productId);
    case "sizeId":
      return item.sizeId === 0 ? undefined : String(item.sizeId);
    case "storeCode":
      return store?.storeCode;
    case "storeAvailability":
      return store?.availability;
    case "storeQuantity":
      // Without stock management there is no count to give: the row says in_stock only.
      return store === undefined || !item.stockManaged ? undefined : String(store.quantity);
    case "pickupMethod":
      return store?.pickupMethod;
    case "pickupSla":
      return store?.pickupSla;
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
