import type { Money } from "@comptoir/api-client";
import { checkGtin, GTIN_PROBLEM_TEXT } from "../identifiers/gtin.ts";
import type { FeedSettings } from "../settings/schema.ts";
import type { SourceProduct, SourceVariant } from "../source/types.ts";
import { type CleanedText, cleanText, trimmedText } from "../text/clean.ts";
import { type FilterReason, type Finding, finding } from "../validation/rules.ts";
import { variantStock } from "./availability.ts";
import type { CatalogIndex, CategoryFacts } from "./catalog-index.ts";
import type { AgeGroup, Condition, FeedItem, Gender } from "./item.ts";
import { customLabels } from "./labels.ts";
import { compileLinkTemplate, normalizeUrl, slugify } from "./link.ts";
import { compileTemplate, renderTemplate } from "./template.ts";

/** An item with what was noticed while building it (before channel validation). */
export interface ItemDraft {
  readonly item: FeedItem;
  readonly findings: readonly Finding[];
}

export type ProductOutcome =
  | { readonly kind: "filtered"; readonly reason: FilterReason; readonly variants: number }
  | {
      readonly kind: "items";
      readonly items: readonly ItemDraft[];
      /** Variants left out by item-level filters (in-stock only, has GTIN…). */
      readonly filtered: readonly { readonly reason: FilterReason; readonly itemId: string }[];
    };

export interface ItemBuilder {
  build(product: SourceProduct): ProductOutcome;
}

/** Everything that does not depend on the product is prepared here, once per run. */
export function createItemBuilder(settings: FeedSettings, index: CatalogIndex): ItemBuilder {
  const link = compileLinkTemplate(settings.linkTemplate);
  const slugNeeded = settings.linkTemplate.includes("{slug}");
  const title = compileTemplate(settings.titleTemplate);
  const counted =
    settings.availability.warehouseIds === null
      ? null
      : new Set(settings.availability.warehouseIds);
  const { filters, attributes } = settings;
  const includedCategories = filters.categoryIds === null ? null : new Set(filters.categoryIds);
  const excludedCategories = new Set(filters.excludeCategoryIds);
  const includedBrands = filters.brandIds === null ? null : new Set(filters.brandIds);

  function productFilter(
    product: SourceProduct,
    category: CategoryFacts | undefined,
  ): FilterReason | null {
    if (product.archived && !filters.includeArchived) return "archived";
    if (!product.publishedOnWeb && !filters.includeNotPublishedOnWeb) return "not-published-on-web";
    if (category?.hiddenFromWeb && !filters.includeCategoriesHiddenFromWeb)
      return "category-hidden-from-web";
    const lineage = category?.lineage ?? [];
    if (includedCategories !== null && !lineage.some((id) => includedCategories.has(id))) {
      return "category-not-selected";
    }
    if (lineage.some((id) => excludedCategories.has(id))) return "category-excluded";
    if (
      includedBrands !== null &&
      (product.brandId === null || !includedBrands.has(product.brandId))
    ) {
      return "brand-not-selected";
    }
    const charged = effectivePrice(product);
    if (filters.priceMin !== null && charged.compare(filters.priceMin) < 0)
      return "price-out-of-range";
    if (filters.priceMax !== null && charged.compare(filters.priceMax) > 0)
      return "price-out-of-range";
    return null;
  }

  function build(product: SourceProduct): ProductOutcome {
    const category = index.category(product.categoryId);
    const filtered = productFilter(product, category);
    if (filtered !== null) {
      return { kind: "filtered", reason: filtered, variants: Math.max(1, product.variants.length) };
    }
    const productFindings: Finding[] = [];
    const name = textOf(product.name, "title", productFindings, "plain");
    let description = textOf(product.description, "description", productFindings, "html");
    if (description === "") {
      description = name;
      productFindings.push(
        finding("I05", "description", "no description in the POS; the name is used", {
          severity: "warning",
        }),
      );
    }
    const brand =
      cleanText(product.brandName, "plain").text ||
      index.brandName(product.brandId) ||
      settings.brand.fallback;
    const images: string[] = [];
    for (const raw of product.images) {
      const url = normalizeUrl(raw);
      if (url === null)
        productFindings.push(
          finding("I06", "image_link", "image URL is not an absolute http(s) URL; skipped", {
            severity: "warning",
            value: raw,
          }),
        );
      else if (!images.includes(url)) images.push(url);
    }
    const ref = cleanText(product.externalRef, "plain").text || String(product.id);
    const slug = slugNeeded ? slugify(name) || String(product.id) : "";
    const mpn = mpnOf(product, settings);
    const { price, salePrice } = prices(product, productFindings);
    const tagIds = product.tags.map((tag) => tag.id);
    const gender =
      byTag<Gender>(attributes.gender.byTag, tagIds) ??
      category?.gender ??
      attributes.gender.default;
    const ageGroup =
      byTag<AgeGroup>(attributes.ageGroup.byTag, tagIds) ??
      category?.ageGroup ??
      attributes.ageGroup.default;
    const condition =
      byTag<Condition>(attributes.condition.byTag, tagIds) ??
      category?.condition ??
      attributes.condition.default ??
      "new";
    const color = colorOf(tagIds, index);
    const googleProductCategory = category?.googleCategory ?? settings.defaultGoogleCategory;
    const vatRate = product.vatRate ?? index.taxRate(product.taxId);
    const variants: readonly (SourceVariant | null)[] =
      product.variants.length > 0 ? product.variants : [null];
    const itemGroupId = product.variants.length > 0 ? `${settings.idPrefix}${product.id}` : null;

    const items: ItemDraft[] = [];
    const filteredItems: { reason: FilterReason; itemId: string }[] = [];
    for (const variant of variants) {
      const findings = [...productFindings];
      const sizeId = variant?.sizeId ?? 0;
      const id = variant
        ? `${settings.idPrefix}${product.id}-${sizeId}`
        : `${settings.idPrefix}${product.id}`;
      const size = variant ? textOf(variant.name, "size", findings, "plain") || null : null;
      const barcode = variant ? variant.barcode : product.barcode;
      const gtin = gtinOf(barcode, findings);
      const stock = variantStock(product, sizeId, settings.availability, counted);
      if (filters.inStockOnly && stock.availability !== "in_stock") {
        filteredItems.push({ reason: "out-of-stock", itemId: id });
        continue;
      }
      if (filters.requireImage && images.length === 0) {
        filteredItems.push({ reason: "no-image", itemId: id });
        continue;
      }
      if (filters.requireGtin && gtin === null) {
        filteredItems.push({ reason: "no-gtin", itemId: id });
        continue;
      }
      const titleText = renderTemplate(title, (token) => {
        switch (token) {
          case "name":
            return name;
          case "shortName":
            return cleanText(product.shortName, "plain").text || name;
          case "brand":
            return brand ?? "";
          case "size":
            return size ?? "";
          case "color":
            return color ?? "";
          case "category":
            return category?.names.at(-1) ?? "";
          case "ref":
            return ref;
          default:
            return "";
        }
      });
      const item: FeedItem = {
        id,
        itemGroupId,
        productId: product.id,
        sizeId,
        // Tokens may be empty ("{brand} {name}" without a brand): tidy the joins.
        title: tidyTitle(titleText),
        description,
        link: link.render({
          id: String(product.id),
          ref,
          slug,
          itemId: id,
          size: size ?? "",
          sizeId: sizeId === 0 ? "" : String(sizeId),
        }),
        imageLink: images[0] ?? null,
        additionalImageLinks: images.slice(1),
        price,
        salePrice,
        currency: settings.currency,
        availability: stock.availability,
        availabilityDate: stock.availabilityDate,
        quantity: stock.quantity,
        stockManaged: product.stockManaged,
        stockByWarehouse: stock.byWarehouse,
        brand,
        gtin,
        mpn,
        identifierExists:
          settings.identifiers.identifierExists === "never" || gtin !== null || mpn !== null,
        condition,
        size,
        color,
        gender,
        ageGroup,
        googleProductCategory,
        productType: category?.path ?? null,
        customLabels: customLabels(settings.customLabels, {
          price,
          supplyPrice: product.supplyPrice,
          vatRate,
          quantity: stock.quantity,
          stockManaged: product.stockManaged,
          brand,
          category,
        }),
        updatedAt: product.updatedAt,
      };
      items.push({ item, findings });
    }
    return { kind: "items", items, filtered: filteredItems };
  }

  return { build };
}

/** Whitespace runs other than a single space (same result as `\s+` → " ", fewer rewrites). */
const TITLE_WHITESPACE = /\s{2,}|[^\S ]/g;
const TITLE_EDGES = /^[\s\-–|,]+|[\s\-–|,]+$/g;
const TITLE_EDGE_CHARS = /^[\s\-–|,]|[\s\-–|,]$/;

function tidyTitle(text: string): string {
  const spaced = text.replace(TITLE_WHITESPACE, " ");
  return TITLE_EDGE_CHARS.test(spaced) ? spaced.replace(TITLE_EDGES, "") : spaced;
}

function textOf(
  raw: string | null,
  attribute: string,
  findings: Finding[],
  mode: "html" | "plain",
): string {
  const cleaned: CleanedText = cleanText(raw, mode);
  if (cleaned.repairedChars > 0) {
    findings.push(
      finding(
        "I24",
        attribute,
        `${cleaned.repairedChars} invalid or invisible character(s) removed or repaired`,
        {
          severity: "warning",
        },
      ),
    );
  }
  if (cleaned.mojibake) {
    findings.push(
      finding(
        "I24",
        attribute,
        "looks double-encoded (mojibake such as 'Ã©'); fix the text in the POS",
        {
          severity: "warning",
          value: cleaned.text,
        },
      ),
    );
  }
  return cleaned.text;
}

/** What the storefront charges: the promotional price when there is one. */
function effectivePrice(product: SourceProduct): Money {
  const discount = product.discountPrice;
  return discount !== null && !discount.isZero() && discount.compare(product.price) < 0
    ? discount
    : product.price;
}

function prices(
  product: SourceProduct,
  findings: Finding[],
): { price: Money; salePrice: Money | null } {
  const discount = product.discountPrice;
  if (discount === null || discount.isZero()) return { price: product.price, salePrice: null };
  if (discount.isNegative() || discount.compare(product.price) >= 0) {
    findings.push(
      finding("I12", "sale_price", "promotional price is not below the price; not sent", {
        severity: "warning",
        value: discount.toString(),
      }),
    );
    return { price: product.price, salePrice: null };
  }
  return { price: product.price, salePrice: discount };
}

function gtinOf(barcode: string | null, findings: Finding[]): string | null {
  if (barcode === null || trimmedText(barcode) === "") return null;
  const verdict = checkGtin(barcode);
  if (verdict.ok) return verdict.gtin;
  // Kept as a warning: the item is fine without a GTIN; the barcode is simply not sent.
  findings.push(
    finding("I13", "gtin", `barcode ${GTIN_PROBLEM_TEXT[verdict.reason]}; not sent as gtin`, {
      severity: "warning",
      value: barcode,
    }),
  );
  return null;
}

function mpnOf(product: SourceProduct, settings: FeedSettings): string | null {
  switch (settings.identifiers.mpn) {
    case "supplierReference":
      return cleanText(product.supplierReference, "plain").text || null;
    case "externalRef":
      return cleanText(product.externalRef, "plain").text || null;
    case "none":
      return null;
  }
}

function byTag<T>(mapping: Readonly<Record<string, T>>, tagIds: readonly number[]): T | null {
  for (const id of tagIds) {
    const value = mapping[String(id)];
    if (value !== undefined) return value;
  }
  return null;
}

function colorOf(tagIds: readonly number[], index: CatalogIndex): string | null {
  const colors: string[] = [];
  for (const id of tagIds) {
    const color = index.colorByTag.get(id);
    if (color !== undefined && !colors.includes(color)) colors.push(color);
  }
  return colors.length === 0 ? null : colors.slice(0, 3).join("/");
}
