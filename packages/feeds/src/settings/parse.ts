import type { z } from "zod";
import { type FeedSettings, type FeedSettingsInput, feedSettingsSchema } from "./schema.ts";

export interface SettingsIssue {
  /** Dotted path to the field, e.g. "filters.priceMin" or "localInventory.stores[0].storeCode". */
  readonly path: string;
  readonly message: string;
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: FeedSettings }
  | { readonly ok: false; readonly issues: readonly SettingsIssue[] };

/** Validates settings as saved by the CLI or the admin API; every problem is reported at once. */
export function parseFeedSettings(input: unknown): SettingsResult {
  const result = feedSettingsSchema.safeParse(input);
  if (result.success) return { ok: true, settings: result.data };
  return { ok: false, issues: result.error.issues.map(toIssue) };
}

/** Like parseFeedSettings, for code paths where invalid settings are a programming error. */
export function feedSettings(input: FeedSettingsInput): FeedSettings {
  const result = parseFeedSettings(input);
  if (result.ok) return result.settings;
  throw new InvalidFeedSettingsError(result.issues);
}

export class InvalidFeedSettingsError extends Error {
  readonly issues: readonly SettingsIssue[];

  constructor(issues: readonly SettingsIssue[]) {
    super(`Invalid feed settings:\n${formatSettingsIssues(issues)}`);
    this.name = "InvalidFeedSettingsError";
    this.issues = issues;
  }
}

export function formatSettingsIssues(issues: readonly SettingsIssue[]): string {
  return issues.map((issue) => `  - ${issue.path || "(settings)"}: ${issue.message}`).join("\n");
}

function toIssue(issue: z.core.$ZodIssue): SettingsIssue {
  let path = "";
  for (const segment of issue.path) {
    if (typeof segment === "number") path += `[${segment}]`;
    else path += path === "" ? String(segment) : `.${String(segment)}`;
  }
  return { path, message: messageOf(issue) };
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys")
    return `unknown setting${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  if (issue.code === "invalid_key") {
    return `key ${JSON.stringify(issue.path.at(-1))}: ${issue.issues[0]?.message ?? "invalid key"}`;
  }
  return issue.message;
}
