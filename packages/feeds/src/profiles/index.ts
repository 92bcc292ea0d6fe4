import { genericCsv } from "./generic.ts";
import { googleProductsTsv, googleProductsXml } from "./google.ts";
import { googleLocalInventory } from "./google-local.ts";
import { idealoCsv } from "./idealo.ts";
import { metaCsv, metaXml } from "./meta.ts";
import { microsoftTsv } from "./microsoft.ts";
import { pinterestCsv } from "./pinterest.ts";
import { tiktokCsv } from "./tiktok.ts";
import type { ChannelProfile, ProfileId } from "./types.ts";

export const PROFILES: Readonly<Record<ProfileId, ChannelProfile>> = {
  "google-products-xml": googleProductsXml,
  "google-products-tsv": googleProductsTsv,
  "google-local-inventory": googleLocalInventory,
  "meta-csv": metaCsv,
  "meta-xml": metaXml,
  "microsoft-tsv": microsoftTsv,
  "pinterest-csv": pinterestCsv,
  "tiktok-csv": tiktokCsv,
  "idealo-csv": idealoCsv,
  "generic-csv": genericCsv,
};

export const PROFILE_IDS = Object.keys(PROFILES) as ProfileId[];

export function isProfileId(value: string): value is ProfileId {
  return Object.hasOwn(PROFILES, value);
}

export function getProfile(id: ProfileId): ChannelProfile {
  return PROFILES[id];
}
