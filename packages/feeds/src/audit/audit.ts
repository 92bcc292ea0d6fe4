import type { Writable } from "node:stream";
import type { Exclusion } from "../generate/engine.ts";
import { generateFeed } from "../generate/generate-feed.ts";
import type { ChannelProfile } from "../profiles/types.ts";
import type { FillRate, RuleCount, RunSummary } from "../run/summary.ts";
import { peopleCsv } from "../serialize/delimited.ts";
import type { FeedSettings } from "../settings/schema.ts";
import type { FeedSource } from "../source/types.ts";

export interface FeedAudit {
  readonly summary: RunSummary;
  /** Every exclusion with its reasons, up to `excludedLimit`, in catalog order. */
  readonly excluded: readonly Exclusion[];
  /** Exclusions beyond the limit (counted, not kept). */
  readonly excludedNotListed: number;
}

/**
 * `comptoir feeds audit FEED`: a full dry run that writes nothing and keeps the excluded items
 * with their reasons, next to per-rule counts and per-attribute fill rates.
 */
export async function auditFeed(
  source: FeedSource,
  settings: FeedSettings,
  profile: ChannelProfile,
  options: { readonly excludedLimit?: number; readonly signal?: AbortSignal } = {},
): Promise<FeedAudit> {
  const limit = options.excludedLimit ?? 1000;
  const excluded: Exclusion[] = [];
  let notListed = 0;
  const { summary } = await generateFeed(
    source,
    settings,
    profile,
    { kind: "discard" },
    {
      ...(options.signal ? { signal: options.signal } : {}),
      onExclusion: (exclusion) => {
        if (excluded.length < limit) excluded.push(exclusion);
        else notListed++;
      },
    },
  );
  return { summary, excluded, excludedNotListed: notListed };
}

export interface SummaryDiff {
  readonly items: { readonly before: number; readonly after: number; readonly change: number };
  readonly errorRate: { readonly before: number; readonly after: number };
  /** Rules whose counts changed, by code. */
  readonly rules: readonly {
    readonly code: string;
    readonly errorsBefore: number;
    readonly errorsAfter: number;
    readonly warningsBefore: number;
    readonly warningsAfter: number;
  }[];
  /** Attributes whose fill rate moved by at least one point. */
  readonly fillRates: readonly {
    readonly attribute: string;
    readonly before: number;
    readonly after: number;
  }[];
}

/** What changed between the live generation's summary and a new one (`feeds audit` diff). */
export function diffSummaries(before: RunSummary, after: RunSummary): SummaryDiff {
  const ruleMap = (rules: readonly RuleCount[]) => new Map(rules.map((r) => [r.code as string, r]));
  const fillMap = (rates: readonly FillRate[]) => new Map(rates.map((r) => [r.attribute, r.rate]));
  const beforeRules = ruleMap(before.rules);
  const afterRules = ruleMap(after.rules);
  const codes = [...new Set([...beforeRules.keys(), ...afterRules.keys()])].sort();
  const beforeFill = fillMap(before.fillRates);
  const afterFill = fillMap(after.fillRates);
  const attributes = [...new Set([...beforeFill.keys(), ...afterFill.keys()])];
  return {
    items: {
      before: before.counts.items,
      after: after.counts.items,
      change: after.counts.items - before.counts.items,
    },
    errorRate: { before: before.errorRate, after: after.errorRate },
    rules: codes
      .map((code) => ({
        code,
        errorsBefore: beforeRules.get(code)?.errors ?? 0,
        errorsAfter: afterRules.get(code)?.errors ?? 0,
        warningsBefore: beforeRules.get(code)?.warnings ?? 0,
        warningsAfter: afterRules.get(code)?.warnings ?? 0,
      }))
      .filter((r) => r.errorsBefore !== r.errorsAfter || r.warningsBefore !== r.warningsAfter),
    fillRates: attributes
      .map((attribute) => ({
        attribute,
        before: beforeFill.get(attribute) ?? 0,
        after: afterFill.get(attribute) ?? 0,
      }))
      .filter((r) => Math.abs(r.after - r.before) >= 0.01),
  };
}

/**
 * The excluded items as a CSV meant for people (opened in a spreadsheet): cells that look like
 * formulas are neutralised (rule T09), unlike in the feeds themselves.
 */
export function exclusionsCsv(exclusions: readonly Exclusion[]): string {
  const rows = exclusions.map((e) =>
    e.kind === "filtered"
      ? [String(e.productId), e.itemId ?? "", "", "", "filter", e.reason, ""]
      : [
          String(e.productId),
          e.itemId,
          e.storeCode ?? "",
          e.title,
          "error",
          e.errors.map((f) => f.code).join(" "),
          e.errors.map((f) => `${f.message}${f.attribute ? ` [${f.attribute}]` : ""}`).join("; "),
        ],
  );
  return peopleCsv(
    ["product_id", "item_id", "store_code", "title", "kind", "codes", "reasons"],
    rows,
  );
}

/** Writes `exclusionsCsv` to a stream (e.g. `--out excluded.csv`). */
export async function writeExclusionsCsv(
  exclusions: readonly Exclusion[],
  out: Writable,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    out.write(exclusionsCsv(exclusions), (error) => (error ? reject(error) : resolve()));
  });
}
