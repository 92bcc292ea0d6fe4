import { FEED_CHANNELS } from "@comptoir/db/schema";
import { getProfile, type ProfileId } from "@comptoir/feeds";

/** A channel as the CLI names it (`--channel`): google, google-local, meta, … csv. */
export type FeedChannel = (typeof FEED_CHANNELS)[number];

export { FEED_CHANNELS };

/** Formats each channel offers; the first is the default. */
export const CHANNEL_FORMATS: Readonly<Record<FeedChannel, Readonly<Record<string, ProfileId>>>> = {
  google: { xml: "google-products-xml", tsv: "google-products-tsv" },
  "google-local": { tsv: "google-local-inventory" },
  meta: { csv: "meta-csv", xml: "meta-xml" },
  microsoft: { tsv: "microsoft-tsv" },
  pinterest: { csv: "pinterest-csv" },
  tiktok: { csv: "tiktok-csv" },
  idealo: { csv: "idealo-csv" },
  csv: { csv: "generic-csv" },
};

export function isFeedChannel(value: string): value is FeedChannel {
  return (FEED_CHANNELS as readonly string[]).includes(value);
}

/** The profile of `channel` in `format` (default: the channel's first format), or null. */
export function profileFor(channel: FeedChannel, format?: string): ProfileId | null {
  const formats = CHANNEL_FORMATS[channel];
  if (format === undefined) return Object.values(formats)[0] ?? null;
  return formats[format.toLowerCase()] ?? null;
}

/**
 * The public file name of a feed, named after its channel: `google.xml`, `meta.csv`,
 * `google-local.tsv`, `microsoft.txt`. The `.gz` variant is the same name plus `.gz`.
 */
export function publicFileName(channel: string, profile: string): string {
  return `${channel}${getProfile(profile as ProfileId).extension}`;
}
