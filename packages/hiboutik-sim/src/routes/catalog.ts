import type { Hono } from "hono";
import type { Category } from "../data/reference.ts";
import { notFound } from "../http/errors.ts";
import { jsonResponse } from "../http/json.ts";
import { intParam, pagedList } from "../http/params.ts";
import { rateFraction } from "../money.ts";
import type { WireRecord } from "../wire/context.ts";
import type { RouteDeps } from "./deps.ts";

function categoryWire(category: Category): WireRecord {
  return {
    category_id: category.id,
    category_name: category.name,
    category_id_parent: category.parentId,
    category_enabled: category.enabled,
    category_enabled_www: category.enabledWww,
    category_position: category.position,
    category_color: category.color,
    category_bck_color: category.bckColor,
  };
}

const CATEGORY_SORT_FIELDS = new Set([
  "category_id",
  "category_name",
  "category_position",
  "category_id_parent",
]);

/** Reference lists of the catalog: categories, brands, suppliers, sizes, tags, taxes. */
export function registerCatalogRoutes(app: Hono, deps: RouteDeps): void {
  const ref = deps.account.reference;

  // `?order_by=category_position&sort=ASC` is used by one plugin (doc §3); other sorts unknown.
  app.get("/api/categories", (c) => {
    const rows = ref.categories.map(categoryWire);
    const orderBy = c.req.query("order_by");
    if (orderBy !== undefined && CATEGORY_SORT_FIELDS.has(orderBy)) {
      const direction = c.req.query("sort")?.toUpperCase() === "DESC" ? -1 : 1;
      rows.sort((a, b) => {
        const x = a[orderBy];
        const y = b[orderBy];
        const order =
          typeof x === "number" && typeof y === "number"
            ? x - y
            : String(x).localeCompare(String(y), "fr");
        return direction * order || Number(a.category_id) - Number(b.category_id);
      });
    }
    return jsonResponse(rows);
  });

  app.get("/api/categories/:category_id", (c) => {
    const category = ref.categoryById.get(intParam(c.req.param("category_id")) ?? 0);
    if (!category) return notFound(`Category ${c.req.param("category_id")} not found`);
    return jsonResponse([categoryWire(category)]);
  });

  // Brands are paginated (the official app example passes `p`); suppliers are assumed to be too.
  app.get("/api/brands", (c) =>
    pagedList(
      c.req.url,
      ref.brands.map((b) => ({
        brand_id: b.id,
        brand_name: b.name,
        brand_enabled: 1,
        brand_enabled_www: b.enabledWww,
        brand_position: b.id,
      })),
    ),
  );

  app.get("/api/suppliers", (c) =>
    pagedList(
      c.req.url,
      ref.suppliers.map((s) => ({
        supplier_id: s.id,
        supplier_name: s.name,
        supplier_enabled: 1,
        supplier_position: s.id,
        supplier_email: s.email,
        supplier_ref_ext: s.refExt,
      })),
    ),
  );

  app.get("/api/size_types", () =>
    jsonResponse(ref.sizeTypes.map((t) => ({ size_type_id: t.id, size_type_name: t.name }))),
  );

  app.get("/api/sizes/:size_type_id", (c) => {
    const type = ref.sizeTypes.find((t) => t.id === intParam(c.req.param("size_type_id")));
    if (!type) return notFound(`Size type ${c.req.param("size_type_id")} not found`);
    return jsonResponse(
      type.sizes.map((s) => ({
        size_id: s.id,
        size_type_id: s.typeId,
        size_name: s.name,
        size_enabled: 1,
        size_position: s.position,
      })),
    );
  });

  const tagsWire = (categories: typeof ref.productTags) =>
    categories.map((cat) => ({
      tag_cat_id: cat.id,
      tag_cat: cat.name,
      tag_cat_desc: cat.description,
      tag_cat_enabled: 1,
      tag_cat_enabled_www: 1,
      tag_details: cat.tags.map((t) => ({
        tag_id: t.id,
        tag: t.name,
        tag_desc: "",
        tag_enabled: 1,
        tag_enabled_www: t.enabledWww,
      })),
    }));
  app.get("/api/tags/products", () => jsonResponse(tagsWire(ref.productTags)));
  app.get("/api/tags/customers", () => jsonResponse(tagsWire(ref.customerTags)));

  // Only `tax_id`-like id and the fraction `tax_value` are observed; the other names are inferred.
  app.get("/api/taxes", () =>
    jsonResponse(
      ref.taxes.map((t, index) => ({
        tax_id: t.id,
        tax_value: rateFraction(t.rate),
        tax_name: t.name,
        tax_enabled: 1,
        tax_default: t.id === 1 ? 1 : 0,
        tax_position: index + 1,
      })),
    ),
  );
}
