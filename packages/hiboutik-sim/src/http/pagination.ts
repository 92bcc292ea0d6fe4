/** Hiboutik pagination (doc §3): `?p=N` from 1, 250 rows a page, totals in Content-Range. */
export const PAGE_SIZE = 250;

/** The requested page; anything that is not a positive integer reads as page 1. */
export function pageOf(url: URL): number {
  const raw = url.searchParams.get("p");
  const page = raw === null ? 1 : Number(raw);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

export interface PageWindow {
  readonly page: number;
  /** 0-based index of the first row, inclusive. */
  readonly start: number;
  /** 0-based index past the last row (clamped to the total). */
  readonly end: number;
  readonly total: number;
  readonly lastPage: number;
}

export function pageWindow(page: number, total: number): PageWindow {
  const start = Math.min((page - 1) * PAGE_SIZE, total);
  return {
    page,
    start,
    end: Math.min(start + PAGE_SIZE, total),
    total,
    lastPage: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

function pageUrl(url: URL, page: number): string {
  const copy = new URL(url);
  copy.searchParams.set("p", String(page));
  return copy.toString();
}

/**
 * `Content-Range: 1-250/2676` (the FAQ's form: 1-based, inclusive, total after the slash) and a
 * `Link` header with start/prev/current/next/last. An empty page gets no Content-Range: the doc
 * does not show what the server sends then (inferred).
 */
export function paginationHeaders(url: URL, window: PageWindow): Record<string, string> {
  const headers: Record<string, string> = {};
  if (window.end > window.start) {
    headers["content-range"] = `${window.start + 1}-${window.end}/${window.total}`;
  }
  const links = [`<${pageUrl(url, 1)}>; rel="start"`];
  if (window.page > 1) {
    links.push(`<${pageUrl(url, Math.min(window.page - 1, window.lastPage))}>; rel="prev"`);
  }
  links.push(`<${pageUrl(url, window.page)}>; rel="current"`);
  if (window.page < window.lastPage) links.push(`<${pageUrl(url, window.page + 1)}>; rel="next"`);
  links.push(`<${pageUrl(url, window.lastPage)}>; rel="last"`);
  headers.link = links.join(", ");
  return headers;
}

/** Ids firstId..firstId+total-1, sliced to one page. */
export function pageIds(window: PageWindow, firstId = 1): number[] {
  const ids: number[] = [];
  for (let i = window.start; i < window.end; i++) ids.push(firstId + i);
  return ids;
}
