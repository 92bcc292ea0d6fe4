import type { WireRecord } from "../wire/context.ts";
import { jsonResponse } from "./json.ts";
import { type PageWindow, pageOf, pageWindow, paginationHeaders } from "./pagination.ts";

/** A path id: digits only, else undefined (the route then answers 404). */
export function intParam(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

/** A paginated JSON list: `rows` receives the page window and returns that page's rows. */
export function pagedResponse(
  requestUrl: string,
  total: number,
  rows: (window: PageWindow) => WireRecord[],
): Response {
  const url = new URL(requestUrl);
  const window = pageWindow(pageOf(url), total);
  return jsonResponse(rows(window), paginationHeaders(url, window));
}

/** Paginates an in-memory list (small reference lists, search hits). */
export function pagedList(requestUrl: string, all: readonly WireRecord[]): Response {
  return pagedResponse(requestUrl, all.length, (w) => all.slice(w.start, w.end));
}
