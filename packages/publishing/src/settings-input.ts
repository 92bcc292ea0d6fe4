import {
  type FeedSettings,
  type FeedSettingsInput,
  parseFeedSettings,
  type SettingsIssue,
} from "@comptoir/feeds";
import { FeedError } from "./errors.ts";

export type SettingsPatch = Readonly<Record<string, unknown>>;

/**
 * Settings are stored as the validated *input* (plain JSON: money stays a string) and parsed
 * again on read, so defaults added later apply to old feeds too.
 */
export function validateSettings(input: unknown): {
  input: FeedSettingsInput;
  settings: FeedSettings;
} {
  const result = parseFeedSettings(input);
  if (!result.ok) throw invalidSettings(result.issues);
  return { input: input as FeedSettingsInput, settings: result.settings };
}

export function invalidSettings(issues: readonly SettingsIssue[]): FeedError {
  return new FeedError(
    "INVALID_FEED",
    `Invalid feed settings:\n${issues.map((i) => `  - ${i.path || "(settings)"}: ${i.message}`).join("\n")}`,
    { details: issues },
  );
}

/** Deep merge of plain objects; arrays and scalars in `patch` replace; `null` is kept as a value. */
export function mergeSettings(base: unknown, patch: SettingsPatch): Record<string, unknown> {
  const out: Record<string, unknown> = isPlainObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] =
      isPlainObject(value) && isPlainObject(current) ? mergeSettings(current, value) : value;
  }
  return out;
}

/**
 * `--set filters.inStockOnly=true --set categoryMapping.12=1604`: dotted paths into a patch.
 * Values are read as JSON when they parse (true, 12, "x", [..], {..}), else as plain text.
 */
export function settingsPatchFromAssignments(assignments: readonly string[]): SettingsPatch {
  const patch: Record<string, unknown> = {};
  const issues: SettingsIssue[] = [];
  for (const assignment of assignments) {
    const equals = assignment.indexOf("=");
    const path = equals < 0 ? "" : assignment.slice(0, equals).trim();
    if (
      equals < 0 ||
      path === "" ||
      path.split(".").some((segment) => segment === "" || FORBIDDEN.has(segment))
    ) {
      issues.push({
        path: path || assignment,
        message: "expected key=value, e.g. filters.inStockOnly=true",
      });
      continue;
    }
    const raw = assignment.slice(equals + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // plain text
    }
    const segments = path.split(".");
    let target = patch;
    for (const segment of segments.slice(0, -1)) {
      const next = target[segment];
      if (!isPlainObject(next)) target[segment] = {};
      target = target[segment] as Record<string, unknown>;
    }
    target[segments.at(-1) as string] = value;
  }
  if (issues.length > 0) throw invalidSettings(issues);
  return patch;
}

const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
