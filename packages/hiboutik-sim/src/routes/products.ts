import type { Hono } from "hono";
import { hash32 } from "../data/prng.ts";
import type { ProductSpec } from "../data/products.ts";
import { ErrorCode, errorResponse, notFound } from "../http/errors.ts";
import { jsonResponse } from "../http/json.ts";
import { PAGE_SIZE, pageIds, pageOf, pageWindow, paginationHeaders } from "../http/pagination.ts";
import { intParam } from "../http/params.ts";
import { solidJpeg } from "../jpeg.ts";
import type { WireRecord } from "../wire/context.ts";
import { productImages, productTags, productWire } from "../wire/products.ts";
import type { RouteDeps } from "./deps.ts";

/**
 * Scans the catalog for a search, generating one product at a time: memory stays flat, time is
 * linear in the catalog size (fine for tests; the real API has indexes).
 */
function searchResponse(
  requestUrl: string,
  deps: RouteDeps,
  match: (spec: ProductSpec) => boolean,
  emptyIs404 = false,
): Response {
  const url = new URL(requestUrl);
  const page = pageOf(url);
  const hits: WireRecord[] = [];
  let total = 0;
  const first = (page - 1) * PAGE_SIZE;
  for (let id = 1; id <= deps.account.productCount; id++) {
    const spec = deps.account.product(id);
    if (!spec || !match(spec)) continue;
    if (total >= first && total < first + PAGE_SIZE) hits.push(productWire(spec, deps.ctx, "list"));
    total++;
  }
  if (total === 0 && emptyIs404) return notFound("No product matches this search");
  return jsonResponse(hits, paginationHeaders(url, pageWindow(page, total)));
}

const IMAGE_FILE = /^(mini|big)_(\d+)-(\d+)\.jpg$/;

function imageColour(productId: number, slot: number): [number, number, number] {
  const h = hash32(productId, slot);
  return [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff];
}

export function registerProductRoutes(app: Hono, deps: RouteDeps): void {
  const { account, ctx } = deps;

  app.get("/api/products", (c) => {
    const url = new URL(c.req.url);
    const window = pageWindow(pageOf(url), account.productCount);
    const rows = pageIds(window).flatMap((id) => {
      const spec = account.product(id);
      return spec ? [productWire(spec, ctx, "list")] : [];
    });
    return jsonResponse(rows, paginationHeaders(url, window));
  });

  // Search routes are registered before `/products/:product_id` so "search" is not read as an id.
  app.get("/api/products/search/barcode/:barcode", (c) => {
    const rows = account.findBarcode(c.req.param("barcode")).flatMap(({ productId, sizeId }) => {
      const spec = account.product(productId);
      return spec ? [{ ...productWire(spec, ctx, "list"), product_size: sizeId }] : [];
    });
    return jsonResponse(rows);
  });

  app.get("/api/products/search/name/:query", (c) => {
    const query = c.req.param("query").toLowerCase();
    return searchResponse(
      c.req.url,
      deps,
      (spec) => spec.model.toLowerCase().includes(query),
      true,
    );
  });

  app.get("/api/products/search/category/:category_id", (c) => {
    const id = intParam(c.req.param("category_id"));
    return searchResponse(c.req.url, deps, (spec) => spec.categoryId === id);
  });

  app.get("/api/products/search/tags/:tag_id", (c) => {
    const id = intParam(c.req.param("tag_id"));
    return searchResponse(c.req.url, deps, (spec) => id !== undefined && spec.tagIds.includes(id));
  });

  app.get("/api/products/search/supplier_reference/:reference", (c) => {
    const reference = c.req.param("reference");
    return searchResponse(c.req.url, deps, (spec) => spec.supplierReference === reference);
  });

  // `/products/search/?product_display_www=1&product_supplier=3`: equality on list fields.
  app.get("/api/products/search", (c) => {
    const filters = [...new URL(c.req.url).searchParams].filter(([key]) => key !== "p");
    if (filters.length === 0) {
      return errorResponse(422, {
        error: "unprocessable_entity",
        code: ErrorCode.validation,
        error_description: "Give at least one product field to search on",
        details: { field: "missing" },
      });
    }
    return searchResponse(c.req.url, deps, (spec) => {
      const wire = productWire(spec, ctx, "list");
      return filters.every(([key, value]) => key in wire && String(wire[key]) === value);
    });
  });

  app.get("/api/products/:product_id", (c) => {
    const id = intParam(c.req.param("product_id"));
    const spec = id === undefined ? undefined : account.product(id);
    if (!spec) return notFound(`Product ${c.req.param("product_id")} not found`);
    return jsonResponse([productWire(spec, ctx, "detail")]);
  });

  app.get("/api/products_tags/:product_id", (c) => {
    const spec = account.product(intParam(c.req.param("product_id")) ?? 0);
    if (!spec) return notFound(`Product ${c.req.param("product_id")} not found`);
    return jsonResponse(productTags(spec, ctx));
  });

  // `/products_images/{product_id}` lists images; `/products_images/big_{id}-{n}.jpg` is the file.
  app.get("/api/products_images/:name", (c) => {
    const name = c.req.param("name");
    const file = IMAGE_FILE.exec(name);
    if (file) {
      const productId = Number(file[2]);
      const slot = Number(file[3]);
      const spec = account.product(productId);
      if (!spec || slot < 1 || slot > spec.imageCount) return notFound(`Image ${name} not found`);
      const side = file[1] === "big" ? 1000 : 200;
      // A copy typed over ArrayBuffer: packages that load the DOM lib (pdfmake types) need that.
      return new Response(new Uint8Array(solidJpeg(side, side, imageColour(productId, slot))), {
        headers: { "content-type": "image/jpeg" },
      });
    }
    const spec = account.product(intParam(name) ?? 0);
    if (!spec) return notFound(`Product ${name} not found`);
    // Element shape unknown (doc §4.10): the same objects as `images` in the product detail.
    return jsonResponse(productImages(spec, ctx));
  });
}
