import { describe, expect, it } from "vitest";
import { nextSlot, scheduleInput } from "../src/index.ts";

describe("schedule slots", () => {
  it("reads a cron expression in its time zone, across a daylight-saving change", () => {
    const spec = {
      kind: "cron" as const,
      cron: "0 6 * * *",
      timeZone: "Europe/Paris",
      intervalSeconds: null,
      nextRunAt: new Date(0),
    };
    // Winter: 06:00 in Paris is 05:00 UTC; summer (after 29 March 2026): 04:00 UTC.
    expect(nextSlot(spec, new Date("2026-01-10T12:00:00Z")).toISOString()).toBe(
      "2026-01-11T05:00:00.000Z",
    );
    expect(nextSlot(spec, new Date("2026-03-29T03:00:00Z")).toISOString()).toBe(
      "2026-03-29T04:00:00.000Z",
    );
  });

  it("keeps an interval's phase and skips the slots missed while nothing ran", () => {
    const spec = {
      kind: "interval" as const,
      intervalSeconds: 3600,
      cron: null,
      timeZone: "UTC",
      nextRunAt: new Date("2026-01-01T00:15:00Z"),
    };
    expect(nextSlot(spec, new Date("2026-01-01T00:15:00Z")).toISOString()).toBe(
      "2026-01-01T01:15:00.000Z",
    );
    expect(nextSlot(spec, new Date("2026-01-01T05:20:00Z")).toISOString()).toBe(
      "2026-01-01T06:15:00.000Z",
    );
  });

  it("names the field of every mistake", () => {
    const paths = (input: unknown) => {
      const result = scheduleInput.safeParse(input);
      return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
    };
    expect(paths({ everySeconds: 5 })).toContain("everySeconds");
    expect(paths({ cron: "every day", timeZone: "UTC" })).toContain("cron");
    expect(paths({ cron: "0 6 * * *", timeZone: "Mars/Olympus" })).toContain("timeZone");
    expect(paths({ cron: "0 6 * * *" })).toEqual([]);
  });
});
