import { findAccount } from "@comptoir/accounts";
import { type DatabaseOrTransaction, queryRows, schema } from "@comptoir/db";
import type { FeedSettings, GateReason, ProfileId } from "@comptoir/feeds";
import type { BlobStore } from "@comptoir/storage";
import { and, desc, eq, sql } from "drizzle-orm";
import { hashFeedPassword } from "./basic-auth.ts";
import {
  CHANNEL_FORMATS,
  FEED_CHANNELS,
  type FeedChannel,
  isFeedChannel,
  profileFor,
  publicFileName,
} from "./channels.ts";
import { FeedError } from "./errors.ts";
import {
  invalidSettings,
  mergeSettings,
  type SettingsPatch,
  validateSettings,
} from "./settings-input.ts";

export const FEED_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface BasicAuthInput {
  readonly user: string;
  readonly password: string;
}

export interface AddFeedInput {
  /** The account's name. */
  readonly account: string;
  readonly channel: string;
  /** xml, tsv, csv… (the channel's first format by default). */
  readonly format?: string;
  /** Unique per account; defaults to the channel. */
  readonly name?: string;
  readonly linkTemplate?: string;
  /** Any other settings (feeds settings schema), merged over the defaults. */
  readonly settings?: SettingsPatch;
  readonly basicAuth?: BasicAuthInput;
  readonly keepGenerations?: number;
}

export interface FeedOverview {
  readonly id: string;
  readonly account: string;
  readonly name: string;
  readonly channel: FeedChannel;
  readonly profile: ProfileId;
  /** The public file name (`google.xml`); `.gz` also works. */
  readonly file: string;
  readonly basicAuthUser: string | null;
  readonly keepGenerations: number;
  readonly live: null | {
    readonly generationId: string;
    readonly items: number;
    readonly storedBytes: number;
    readonly sha256: string;
    readonly since: Date;
  };
  readonly lastRun: null | {
    readonly id: string;
    readonly outcome: string;
    readonly startedAt: Date;
    readonly finishedAt: Date | null;
    readonly items: number | null;
    readonly reasons: readonly GateReason[];
    readonly error: string | null;
  };
}

export interface FeedDetails extends FeedOverview {
  readonly settings: unknown;
  readonly generations: readonly {
    readonly id: string;
    readonly items: number;
    readonly storedBytes: number;
    readonly sha256: string;
    readonly gzip: boolean;
    readonly createdAt: Date;
    readonly live: boolean;
  }[];
}

/** Creates a feed; settings are validated with every field-level problem reported at once. */
export async function addFeed(
  db: DatabaseOrTransaction,
  input: AddFeedInput,
): Promise<FeedOverview> {
  const account = await findAccount(db, input.account);
  if (!isFeedChannel(input.channel)) {
    throw new FeedError(
      "INVALID_FEED",
      `Unknown channel "${input.channel}"; use one of ${FEED_CHANNELS.join(", ")}.`,
      { details: [{ path: "channel", message: `one of ${FEED_CHANNELS.join(", ")}` }] },
    );
  }
  const profile = profileFor(input.channel, input.format);
  if (profile === null) {
    const formats = Object.keys(CHANNEL_FORMATS[input.channel]).join(", ");
    throw new FeedError(
      "INVALID_FEED",
      `Channel ${input.channel} has no format "${input.format}"; use ${formats}.`,
      { details: [{ path: "format", message: `one of ${formats}` }] },
    );
  }
  const name = input.name ?? input.channel;
  assertName(name);
  const defaults: Record<string, unknown> = {
    channel: { title: account.name, link: originOf(input.linkTemplate) ?? undefined },
  };
  if (input.linkTemplate !== undefined) defaults.linkTemplate = input.linkTemplate;
  const merged = mergeSettings(defaults, input.settings ?? {});
  const { input: settings } = withoutDerivedIssues(() => validateSettings(merged), input);
  const [existing] = await db
    .select({ id: schema.feeds.id })
    .from(schema.feeds)
    .where(and(eq(schema.feeds.accountId, account.id), eq(schema.feeds.name, name)));
  if (existing) {
    throw new FeedError(
      "FEED_EXISTS",
      `Account "${account.name}" already has a feed named "${name}"; choose another with --name.`,
    );
  }
  const [row] = await db
    .insert(schema.feeds)
    .values({
      accountId: account.id,
      name,
      channel: input.channel,
      profile,
      settings,
      ...basicAuthColumns(input.basicAuth),
      ...(input.keepGenerations === undefined
        ? {}
        : { keepGenerations: checkedKeep(input.keepGenerations) }),
    })
    .returning({ id: schema.feeds.id });
  return showFeed(db, row?.id as string);
}

export interface SetFeedInput {
  readonly name?: string;
  readonly linkTemplate?: string;
  readonly settings?: SettingsPatch;
  /** null removes Basic auth. */
  readonly basicAuth?: BasicAuthInput | null;
  readonly keepGenerations?: number;
}

/** Updates a feed; the merged settings are validated again before anything is saved. */
export async function setFeed(
  db: DatabaseOrTransaction,
  ref: string,
  changes: SetFeedInput,
): Promise<FeedOverview> {
  const feed = await resolveFeed(db, ref);
  const patch: Record<string, unknown> = { ...(changes.settings ?? {}) };
  if (changes.linkTemplate !== undefined) patch.linkTemplate = changes.linkTemplate;
  const { input: settings } = validateSettings(mergeSettings(feed.settings, patch));
  if (changes.name !== undefined) {
    assertName(changes.name);
    const [clash] = await db
      .select({ id: schema.feeds.id })
      .from(schema.feeds)
      .where(and(eq(schema.feeds.accountId, feed.accountId), eq(schema.feeds.name, changes.name)));
    if (clash && clash.id !== feed.id)
      throw new FeedError("FEED_EXISTS", `The account already has a feed named "${changes.name}".`);
  }
  await db
    .update(schema.feeds)
    .set({
      settings,
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.basicAuth === undefined ? {} : basicAuthColumns(changes.basicAuth)),
      ...(changes.keepGenerations === undefined
        ? {}
        : { keepGenerations: checkedKeep(changes.keepGenerations) }),
    })
    .where(eq(schema.feeds.id, feed.id));
  return showFeed(db, feed.id);
}

/** Removes a feed, its runs and generations, and its blobs. */
export async function removeFeed(
  db: DatabaseOrTransaction,
  store: BlobStore,
  ref: string,
): Promise<{ id: string; name: string; account: string; blobsDeleted: number }> {
  const feed = await resolveFeed(db, ref);
  const account = await accountName(db, feed.accountId);
  await db.delete(schema.feeds).where(eq(schema.feeds.id, feed.id));
  let blobsDeleted = 0;
  for await (const blob of store.list(`feeds/${feed.id}/`)) {
    if (await store.delete(blob.key)) blobsDeleted++;
  }
  return { id: feed.id, name: feed.name, account, blobsDeleted };
}

/** Feeds (all accounts, or one) with their live generation and last run. */
export async function listFeeds(
  db: DatabaseOrTransaction,
  options: { readonly account?: string } = {},
): Promise<FeedOverview[]> {
  const accountId = options.account ? (await findAccount(db, options.account)).id : null;
  const rows = await queryRows<OverviewRow>(
    db,
    sql`${OVERVIEW_SELECT} ${accountId === null ? sql`` : sql`where f.account_id = ${accountId}::uuid`}
        order by a.name, f.name`,
  );
  return rows.map(toOverview);
}

/** One feed with its settings and kept generations. */
export async function showFeed(db: DatabaseOrTransaction, ref: string): Promise<FeedDetails> {
  const feed = await resolveFeed(db, ref);
  const [row] = await queryRows<OverviewRow>(
    db,
    sql`${OVERVIEW_SELECT} where f.id = ${feed.id}::uuid`,
  );
  const generations = await db
    .select()
    .from(schema.feedGenerations)
    .where(eq(schema.feedGenerations.feedId, feed.id))
    .orderBy(desc(schema.feedGenerations.createdAt));
  return {
    ...toOverview(row as OverviewRow),
    settings: feed.settings,
    generations: generations.map((g) => ({
      id: g.id,
      items: g.items,
      storedBytes: g.storedBytes,
      sha256: g.sha256,
      gzip: g.gzip,
      createdAt: g.createdAt,
      live: g.id === feed.liveGenerationId,
    })),
  };
}

/**
 * A feed by id, `ACCOUNT/NAME`, or a bare name when only one account has a feed of that name.
 */
export async function resolveFeed(db: DatabaseOrTransaction, ref: string): Promise<schema.Feed> {
  const trimmed = ref.trim();
  if (UUID.test(trimmed)) {
    const [feed] = await db.select().from(schema.feeds).where(eq(schema.feeds.id, trimmed));
    if (feed) return feed;
    throw notFound(ref);
  }
  const slash = trimmed.indexOf("/");
  if (slash >= 0) {
    const [feed] = await db
      .select({ feed: schema.feeds })
      .from(schema.feeds)
      .innerJoin(schema.accounts, eq(schema.accounts.id, schema.feeds.accountId))
      .where(
        and(
          eq(schema.accounts.name, trimmed.slice(0, slash)),
          eq(schema.feeds.name, trimmed.slice(slash + 1)),
        ),
      );
    if (feed) return feed.feed;
    throw notFound(ref);
  }
  const matches = await db
    .select()
    .from(schema.feeds)
    .where(eq(schema.feeds.name, trimmed))
    .limit(2);
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) throw notFound(ref);
  throw new FeedError(
    "FEED_AMBIGUOUS",
    `Several accounts have a feed named "${ref}"; name it as ACCOUNT/${ref}.`,
  );
}

/** The feed's settings parsed (defaults applied). */
export function feedSettingsOf(feed: schema.Feed): FeedSettings {
  return validateSettings(feed.settings).settings;
}

export async function accountName(db: DatabaseOrTransaction, accountId: string): Promise<string> {
  const [row] = await db
    .select({ name: schema.accounts.name })
    .from(schema.accounts)
    .where(eq(schema.accounts.id, accountId));
  return row?.name ?? "?";
}

/** channel.link is derived from the link template: without a usable one, say only that. */
function withoutDerivedIssues<T>(validate: () => T, input: AddFeedInput): T {
  try {
    return validate();
  } catch (error) {
    const linkGiven = isRecord(input.settings?.channel) && "link" in input.settings.channel;
    if (!(error instanceof FeedError) || !error.details || linkGiven) throw error;
    const details = error.details.filter((d) => d.path !== "channel.link");
    if (details.length === error.details.length || !details.some((d) => d.path === "linkTemplate"))
      throw error;
    throw invalidSettings(details);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function notFound(ref: string): FeedError {
  return new FeedError(
    "FEED_NOT_FOUND",
    `No feed "${ref}". \`comptoir feeds list\` shows the feeds; \`comptoir feeds add\` adds one.`,
  );
}

function assertName(name: string): void {
  if (!FEED_NAME.test(name)) {
    throw new FeedError(
      "INVALID_FEED",
      `Invalid feed name "${name}": use lowercase letters, digits, - and _ (up to 63).`,
      { details: [{ path: "name", message: "lowercase letters, digits, - and _" }] },
    );
  }
}

function checkedKeep(keep: number): number {
  if (!Number.isInteger(keep) || keep < 1 || keep > 100) {
    throw new FeedError("INVALID_FEED", "keepGenerations must be a whole number from 1 to 100.", {
      details: [{ path: "keepGenerations", message: "a whole number from 1 to 100" }],
    });
  }
  return keep;
}

function basicAuthColumns(auth: BasicAuthInput | null | undefined) {
  if (!auth) return { basicAuthUser: null, basicAuthPasswordHash: null };
  if (auth.user === "" || auth.user.includes(":") || auth.password.length < 8) {
    throw new FeedError(
      "INVALID_FEED",
      "Basic auth needs a user without ':' and a password of at least 8 characters.",
      { details: [{ path: "basicAuth", message: "user without ':', password ≥ 8 characters" }] },
    );
  }
  return { basicAuthUser: auth.user, basicAuthPasswordHash: hashFeedPassword(auth.password) };
}

function originOf(template: string | undefined): string | null {
  if (template === undefined) return null;
  try {
    const url = new URL(template.replace(/\{[A-Za-z]+\}/g, "x"));
    return `${url.protocol}//${url.host}/`;
  } catch {
    return null;
  }
}

interface OverviewRow {
  id: string;
  account: string;
  name: string;
  channel: FeedChannel;
  profile: ProfileId;
  basic_auth_user: string | null;
  keep_generations: number;
  live_since: Date | string | null;
  generation_id: string | null;
  generation_items: number | null;
  generation_bytes: number | string | null;
  generation_sha256: string | null;
  run_id: string | null;
  run_outcome: string | null;
  run_started_at: Date | string | null;
  run_finished_at: Date | string | null;
  run_items: number | null;
  run_reasons: GateReason[] | null;
  run_error: string | null;
}

const OVERVIEW_SELECT = sql`select f.id, a.name as account, f.name, f.channel, f.profile,
    f.basic_auth_user, f.keep_generations, f.live_since,
    g.id as generation_id, g.items as generation_items, g.stored_bytes as generation_bytes,
    g.sha256 as generation_sha256,
    r.id as run_id, r.outcome as run_outcome, r.started_at as run_started_at,
    r.finished_at as run_finished_at, r.items as run_items, r.gate_reasons as run_reasons,
    r.error as run_error
  from feeds f
  join accounts a on a.id = f.account_id
  left join feed_generations g on g.id = f.live_generation_id
  left join lateral (
    select * from feed_runs where feed_id = f.id order by started_at desc, id desc limit 1
  ) r on true`;

const date = (value: Date | string) => new Date(value);

function toOverview(row: OverviewRow): FeedOverview {
  return {
    id: row.id,
    account: row.account,
    name: row.name,
    channel: row.channel,
    profile: row.profile,
    file: publicFileName(row.channel, row.profile),
    basicAuthUser: row.basic_auth_user,
    keepGenerations: row.keep_generations,
    live:
      row.generation_id === null || row.live_since === null
        ? null
        : {
            generationId: row.generation_id,
            items: row.generation_items ?? 0,
            storedBytes: Number(row.generation_bytes ?? 0),
            sha256: row.generation_sha256 ?? "",
            since: date(row.live_since),
          },
    lastRun:
      row.run_id === null || row.run_outcome === null || row.run_started_at === null
        ? null
        : {
            id: row.run_id,
            outcome: row.run_outcome,
            startedAt: date(row.run_started_at),
            finishedAt: row.run_finished_at === null ? null : date(row.run_finished_at),
            items: row.run_items,
            reasons: row.run_reasons ?? [],
            error: row.run_error,
          },
  };
}
