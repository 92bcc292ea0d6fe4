/**
 * How many product details (`GET /products/{id}`, one call each) a run may read after its list
 * or stock work: a whole number, every pending one, none, or `auto` (the default).
 */
export type DetailsRequest = number | "all" | "none" | "auto";

/** `auto` reads at most this many details in one run… */
export const DETAILS_PER_RUN = 1_000;
/** …and at most this share of the calls left this month once the run's own calls are made… */
export const DETAILS_SHARE_OF_REMAINING = 0.25;
/**
 * …and never leaves fewer than this share of the monthly quota: kept for stock refreshes,
 * webhook re-reads and invoices, whatever the details still pending.
 */
export const DETAILS_RESERVE_SHARE = 0.2;

/**
 * The most details a run may read, given the calls `left` this month after its own list or
 * stock calls. With Hiboutik's usual 10,000 calls: 1,000 a run while more than ~6,000 are left,
 * then a quarter of what is left, and nothing once only the 2,000-call reserve remains. A first
 * catalog of 3,000 products gets its details over three daily runs (~3,000 calls), after which
 * only products changed on the POS are re-read. Explicit numbers and `all` are taken as asked
 * (the run's estimate then includes them and the quota check applies, unless --force).
 */
export function detailsCap(request: DetailsRequest, left: number, monthlyQuota: number): number {
  if (request === "none") return 0;
  if (request === "all") return Number.POSITIVE_INFINITY;
  if (typeof request === "number") return request;
  const reserve = Math.ceil(monthlyQuota * DETAILS_RESERVE_SHARE);
  return Math.max(
    0,
    Math.min(DETAILS_PER_RUN, Math.floor(left * DETAILS_SHARE_OF_REMAINING), left - reserve),
  );
}

/** `--details 200|all|none|auto` → a request; anything else is a mistake the caller reports. */
export function parseDetailsRequest(value: string): DetailsRequest | undefined {
  const text = value.trim().toLowerCase();
  if (text === "all" || text === "none" || text === "auto") return text;
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return undefined;
}
