import type { BlobInfo } from "@comptoir/storage";
import type { ChannelProfile } from "../profiles/types.ts";
import type { RunSummary } from "../run/summary.ts";
import type { FeedSettings } from "../settings/schema.ts";
import type { FeedSource } from "../source/types.ts";
import { type EngineOptions, runFeed } from "./engine.ts";
import { type FeedTarget, writeChunks } from "./output.ts";

export interface GenerationResult {
  readonly summary: RunSummary;
  /** The new blob (key, size, ETag, SHA-256) when the target was a BlobStore. */
  readonly blob: BlobInfo | null;
  /** Wall time of the run; kept out of the summary so that summaries stay deterministic. */
  readonly durationMs: number;
}

export type GenerateOptions = EngineOptions;

/**
 * Generates one feed: streams the source through the item model, validation and the
 * profile's serializer, gzips (per settings) and writes to `target`. Publishing the result
 * (pointing the feed's URL at the new blob) is the caller's decision, after `decidePublication`.
 * Throws when the source fails or the target cannot be written; a BlobStore target then keeps
 * whatever it had before.
 */
export async function generateFeed(
  source: FeedSource,
  settings: FeedSettings,
  profile: ChannelProfile,
  target: FeedTarget,
  options: GenerateOptions = {},
): Promise<GenerationResult> {
  const started = performance.now();
  const run = runFeed(source, settings, profile, options);
  const written = await writeChunks(run.chunks, target, {
    gzip: settings.output.gzip,
    gzipLevel: settings.output.gzipLevel,
    contentType: profile.contentType,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const summary = run.summary.finish({
    bytes: written.bytes,
    uncompressedBytes: written.uncompressedBytes,
    sha256: written.sha256,
    contentSha256: written.contentSha256,
    gzip: settings.output.gzip,
    contentType: profile.contentType,
    xmlCheck: run.xmlCheck(),
  });
  return { summary, blob: written.blob, durationMs: performance.now() - started };
}

/** `feed.xml.gz`, `feed.tsv`, …: the file name a channel fetches. */
export function feedFileName(
  profile: ChannelProfile,
  settings: FeedSettings,
  base = "feed",
): string {
  return `${base}${profile.extension}${settings.output.gzip ? ".gz" : ""}`;
}

/**
 * Key of one generation in the BlobStore: `feeds/<feedId>/<generationId>/<file name>`. A new
 * generation never overwrites the live one; the caller publishes it by switching a pointer.
 */
export function generationKey(
  feedId: string | number,
  generationId: string,
  profile: ChannelProfile,
  settings: FeedSettings,
): string {
  return `feeds/${feedId}/${generationId}/${feedFileName(profile, settings)}`;
}
