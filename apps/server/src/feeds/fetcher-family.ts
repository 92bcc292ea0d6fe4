import type { FEED_FETCHERS } from "@comptoir/db/schema";

/** The marketplaces whose fetches are told apart (the schema's list); anything else is `other`. */
export type FetcherFamily = (typeof FEED_FETCHERS)[number];

// Google Merchant Center fetches as "Googlebot" (and some Google tools as "Google-…" fetchers);
// Meta as facebookexternalhit; Microsoft Merchant Center as bingbot / "Microsoft"; TikTok's
// crawler as "Bytespider"/"TikTok…".
const PATTERNS: readonly (readonly [FetcherFamily, RegExp])[] = [
  [
    "googlebot",
    /googlebot|google-(?:shopping|merchant|feedfetcher|read-aloud)|feedfetcher-google/i,
  ],
  ["facebookexternalhit", /facebookexternalhit|facebookcatalog|meta-externalagent/i],
  ["bingbot", /bingbot|bingpreview|msnbot|microsoft/i],
  ["pinterest", /pinterest/i],
  ["tiktok", /tiktok|bytespider|bytedance/i],
  ["idealo", /idealo/i],
];

/** The family of a User-Agent, by substring: cheap enough for every request. */
export function fetcherFamily(userAgent: string | undefined): FetcherFamily {
  if (userAgent) {
    for (const [family, pattern] of PATTERNS) if (pattern.test(userAgent)) return family;
  }
  return "other";
}
