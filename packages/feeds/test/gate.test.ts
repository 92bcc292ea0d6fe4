import { describe, expect, it } from "vitest";
import { decidePublication, type GateMetrics, PROFILES } from "../src/index.ts";
import { collect, product } from "./support/fixtures.ts";

const run = (overrides: Partial<GateMetrics> = {}): GateMetrics => ({
  items: 1000,
  errorRate: 0.02,
  itemsExcluded: 0,
  xmlCheck: "passed",
  runFindings: 0,
  ...overrides,
});

describe("publish gate (P01)", () => {
  it("publishes a clean run, first or not", () => {
    expect(decidePublication(run(), null)).toEqual({ decision: "publish", reasons: [] });
    expect(decidePublication(run({ items: 990 }), run()).decision).toBe("publish");
  });

  it("refuses a run that would drop half the catalog and says why", () => {
    const verdict = decidePublication(run({ items: 500 }), run());
    expect(verdict.decision).toBe("refuse");
    expect(verdict.reasons[0]).toEqual({
      code: "item-drop",
      severity: "refuse",
      message: "items fell from 1000 to 500 (−50.0 %, limit −20.0 %)",
    });
  });

  it("honours configured thresholds", () => {
    const thresholds = {
      maxItemDropRatio: 0.6,
      warnItemDropRatio: 0.1,
      maxErrorRate: 0.5,
      maxErrorRateIncrease: 0.1,
      minItems: 1,
    };
    const verdict = decidePublication(run({ items: 500 }), run(), thresholds);
    expect(verdict.decision).toBe("publish-with-warnings");
    expect(verdict.reasons.map((r) => r.code)).toEqual(["item-drop-warning"]);
  });

  it("refuses zero items, a broken XML file, a high error rate and an error-rate jump", () => {
    expect(decidePublication(run({ items: 0 }), null).reasons.map((r) => r.code)).toContain(
      "too-few-items",
    );
    expect(decidePublication(run({ xmlCheck: "failed" }), null).reasons.map((r) => r.code)).toEqual(
      ["not-well-formed"],
    );
    expect(decidePublication(run({ errorRate: 0.6 }), null).reasons.map((r) => r.code)).toEqual([
      "error-rate",
    ]);
    expect(
      decidePublication(run({ errorRate: 0.2 }), run({ errorRate: 0.05 })).reasons.map(
        (r) => r.code,
      ),
    ).toEqual(["error-rate-jump"]);
  });

  it("publishes with warnings when items were excluded or the count slipped", () => {
    const verdict = decidePublication(run({ items: 930, itemsExcluded: 12 }), run());
    expect(verdict.decision).toBe("publish-with-warnings");
    expect(verdict.reasons.map((r) => r.code)).toEqual(["item-drop-warning", "items-excluded"]);
  });

  it("reads run summaries directly", async () => {
    const previous = await collect(
      PROFILES["meta-csv"],
      Array.from({ length: 10 }, (_, i) => product({ id: i + 1 })),
    );
    const current = await collect(
      PROFILES["meta-csv"],
      Array.from({ length: 4 }, (_, i) => product({ id: i + 1 })),
    );
    expect(decidePublication(current.summary, previous.summary).decision).toBe("refuse");
    expect(decidePublication(previous.summary, previous.summary).decision).toBe("publish");
  });
});
