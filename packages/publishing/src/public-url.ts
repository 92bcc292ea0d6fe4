import { type KeyRing, signLink, verifyLink } from "@comptoir/auth";
import { type DatabaseOrTransaction, queryRows } from "@comptoir/db";
import { sql } from "drizzle-orm";
import { basicAuthVerifier } from "./basic-auth.ts";
import { publicFileName } from "./channels.ts";

/** What a public URL needs to know of a feed (any feed row fits). */
export interface PublicFeedRef {
  readonly id: string;
  readonly channel: string;
  readonly profile: string;
  readonly urlTokenVersion: number;
}

export type PublicFeedLookup =
  /** Unknown, tampered, revoked/rotated token, or wrong file name: indistinguishable. */
  | { readonly kind: "not-found" }
  /** The token is good but nothing has been published yet. */
  | { readonly kind: "not-published"; readonly feedId: string }
  | {
      readonly kind: "live";
      readonly feedId: string;
      readonly generationId: string;
      readonly blobKey: string;
      /** The blob's bytes are gzip. */
      readonly storedGzip: boolean;
      /** The file name asked for ends in `.gz`. */
      readonly wantsGzipFile: boolean;
      /** Of the uncompressed feed, with charset, e.g. "application/xml; charset=utf-8". */
      readonly contentType: string;
      /** When the live generation became live (publication or rollback): Last-Modified. */
      readonly publishedAt: Date;
      readonly basicAuth: null | {
        readonly user: string;
        verify(user: string, password: string): boolean;
      };
    };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The signed opaque token of a feed's public URL: never expires, revoked by `rotateFeedUrl`. */
export function feedToken(ring: KeyRing, feed: PublicFeedRef): string {
  return signLink(ring, {
    purpose: "feed",
    subject: feed.id,
    expiresAt: "never",
    nonce: String(feed.urlTokenVersion),
  });
}

/**
 * `/feeds/{token}/{file}`, e.g. `/feeds/AQJr…/google.xml`; `{ gzipFile: true }` names the
 * `.gz` variant. Deterministic: the same key ring and token version give the same path.
 */
export function feedPublicPath(
  ring: KeyRing,
  feed: PublicFeedRef,
  options: { readonly gzipFile?: boolean } = {},
): string {
  const file = publicFileName(feed.channel, feed.profile);
  return `/feeds/${feedToken(ring, feed)}/${file}${options.gzipFile ? ".gz" : ""}`;
}

/** The absolute URL under `publicBaseUrl` (COMPTOIR_PUBLIC_URL or the local listen address). */
export function feedPublicUrl(
  publicBaseUrl: string,
  ring: KeyRing,
  feed: PublicFeedRef,
  options: { readonly gzipFile?: boolean } = {},
): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}${feedPublicPath(ring, feed, options)}`;
}

interface LookupRow {
  feed_id: string;
  channel: string;
  profile: string;
  url_token_version: number;
  basic_auth_user: string | null;
  basic_auth_password_hash: string | null;
  live_since: Date | string | null;
  generation_id: string | null;
  blob_key: string | null;
  gzip: boolean | null;
  content_type: string | null;
}

/**
 * What `GET|HEAD /feeds/{token}/{file}` serves: the MAC is checked before the database is
 * touched, then one primary-key query joins the feed to its live generation.
 */
export async function lookupPublicFeed(
  db: DatabaseOrTransaction,
  ring: KeyRing,
  token: string,
  fileName: string,
): Promise<PublicFeedLookup> {
  const notFound = { kind: "not-found" } as const;
  const claims = verifyLink(ring, token, { purpose: "feed", now: new Date() });
  if (!claims.ok || !UUID.test(claims.subject) || claims.nonce === null) return notFound;
  const [row] = await queryRows<LookupRow>(
    db,
    sql`select f.id as feed_id, f.channel, f.profile, f.url_token_version,
          f.basic_auth_user, f.basic_auth_password_hash, f.live_since,
          g.id as generation_id, g.blob_key, g.gzip, g.content_type
        from feeds f left join feed_generations g on g.id = f.live_generation_id
        where f.id = ${claims.subject}::uuid`,
  );
  if (!row || String(row.url_token_version) !== claims.nonce) return notFound;
  const file = publicFileName(row.channel, row.profile);
  if (fileName !== file && fileName !== `${file}.gz`) return notFound;
  if (row.generation_id === null || row.blob_key === null || row.live_since === null)
    return { kind: "not-published", feedId: row.feed_id };
  const user = row.basic_auth_user;
  const hash = row.basic_auth_password_hash;
  return {
    kind: "live",
    feedId: row.feed_id,
    generationId: row.generation_id,
    blobKey: row.blob_key,
    storedGzip: row.gzip === true,
    wantsGzipFile: fileName.endsWith(".gz"),
    contentType: row.content_type ?? "application/octet-stream",
    publishedAt: new Date(row.live_since),
    basicAuth:
      user !== null && hash !== null ? { user, verify: basicAuthVerifier(user, hash) } : null,
  };
}
