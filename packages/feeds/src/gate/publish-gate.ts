import type { RunSummary } from "../run/summary.ts";
import type { GateThresholds } from "../settings/schema.ts";

export type GateDecision = "publish" | "publish-with-warnings" | "refuse";

export interface GateReason {
  readonly code:
    | "not-well-formed"
    | "too-few-items"
    | "item-drop"
    | "error-rate"
    | "error-rate-jump"
    | "item-drop-warning"
    | "error-rate-rise"
    | "items-excluded"
    | "run-warnings";
  readonly severity: "refuse" | "warning";
  readonly message: string;
}

export interface GateVerdict {
  readonly decision: GateDecision;
  /** Refusal reasons first, then warnings; empty for a clean publish. */
  readonly reasons: readonly GateReason[];
}

/** The few numbers of a run the gate compares (what the lead stores for the previous run). */
export interface GateMetrics {
  readonly items: number;
  readonly errorRate: number;
  readonly itemsExcluded: number;
  readonly xmlCheck: "passed" | "sampled" | "failed" | "skipped";
  readonly runFindings: number;
}

export const DEFAULT_GATE_THRESHOLDS: GateThresholds = {
  maxItemDropRatio: 0.2,
  warnItemDropRatio: 0.05,
  maxErrorRate: 0.5,
  maxErrorRateIncrease: 0.1,
  minItems: 1,
};

export function gateMetrics(summary: RunSummary): GateMetrics {
  return {
    items: summary.counts.items,
    errorRate: summary.errorRate,
    itemsExcluded: summary.counts.itemsExcluded,
    xmlCheck: summary.output.xmlCheck,
    runFindings: summary.runFindings.length,
  };
}

/**
 * Whether a new generation may replace the live one (rule P01). Pure: the caller passes this
 * run and the last published run (null for a first publication) and acts on the verdict;
 * on "refuse" the live file stays and the reasons say why.
 */
export function decidePublication(
  current: GateMetrics | RunSummary,
  previous: GateMetrics | RunSummary | null,
  thresholds: GateThresholds = DEFAULT_GATE_THRESHOLDS,
): GateVerdict {
  const now = "counts" in current ? gateMetrics(current) : current;
  const before = previous === null ? null : "counts" in previous ? gateMetrics(previous) : previous;
  const reasons: GateReason[] = [];
  const refuse = (code: GateReason["code"], message: string) =>
    reasons.push({ code, severity: "refuse", message });
  const warn = (code: GateReason["code"], message: string) =>
    reasons.push({ code, severity: "warning", message });

  if (now.xmlCheck === "failed")
    refuse("not-well-formed", "the generated XML failed the well-formedness check");
  if (now.items < Math.max(thresholds.minItems, 1)) {
    refuse(
      "too-few-items",
      `${now.items} item(s) written; at least ${Math.max(thresholds.minItems, 1)} required`,
    );
  }
  if (now.errorRate > thresholds.maxErrorRate) {
    refuse(
      "error-rate",
      `${percent(now.errorRate)} of items failed validation (limit ${percent(thresholds.maxErrorRate)})`,
    );
  }
  if (before !== null && before.items > 0) {
    const drop = (before.items - now.items) / before.items;
    if (drop > thresholds.maxItemDropRatio) {
      refuse(
        "item-drop",
        `items fell from ${before.items} to ${now.items} (−${percent(drop)}, limit −${percent(thresholds.maxItemDropRatio)})`,
      );
    } else if (drop > thresholds.warnItemDropRatio) {
      warn(
        "item-drop-warning",
        `items fell from ${before.items} to ${now.items} (−${percent(drop)})`,
      );
    }
  }
  if (before !== null) {
    const rise = now.errorRate - before.errorRate;
    if (rise > thresholds.maxErrorRateIncrease) {
      refuse(
        "error-rate-jump",
        `error rate jumped from ${percent(before.errorRate)} to ${percent(now.errorRate)}`,
      );
    } else if (rise > thresholds.maxErrorRateIncrease / 2) {
      warn(
        "error-rate-rise",
        `error rate rose from ${percent(before.errorRate)} to ${percent(now.errorRate)}`,
      );
    }
  }
  if (now.itemsExcluded > 0)
    warn("items-excluded", `${now.itemsExcluded} item(s) excluded by validation errors`);
  if (now.runFindings > 0)
    warn("run-warnings", `${now.runFindings} run-level finding(s); see the run summary`);

  reasons.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "refuse" ? -1 : 1));
  const decision: GateDecision = reasons.some((r) => r.severity === "refuse")
    ? "refuse"
    : reasons.length > 0
      ? "publish-with-warnings"
      : "publish";
  return { decision, reasons };
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}
