import { dbTest as test } from "@comptoir/testing";
import { describe, expect } from "vitest";
import {
  claimDueSchedules,
  getFeedSchedule,
  JobError,
  removeFeedSchedule,
  setFeedSchedule,
} from "../src/index.ts";
import { accountWithFeeds } from "./support.ts";

const NOW = new Date("2026-11-20T10:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe("feed schedules", () => {
  test("are set, replaced and removed per feed", async ({ db }) => {
    const { feedIds } = await accountWithFeeds(db, 1);
    const feedId = feedIds[0] ?? "";
    const every = await setFeedSchedule(db, feedId, { everySeconds: 900 }, { now: NOW });
    expect(every).toMatchObject({ kind: "interval", intervalSeconds: 900, nextRunAt: minutes(15) });

    const cron = await setFeedSchedule(
      db,
      feedId,
      { cron: "30 6 * * *", timeZone: "Europe/Paris" },
      { now: NOW },
    );
    expect(cron.id).toBe(every.id);
    expect(cron).toMatchObject({ kind: "cron", intervalSeconds: null, timeZone: "Europe/Paris" });
    expect(cron.nextRunAt.toISOString()).toBe("2026-11-21T05:30:00.000Z");

    expect(await removeFeedSchedule(db, feedId)).toBe(true);
    expect(await getFeedSchedule(db, feedId)).toBeUndefined();
    expect(await removeFeedSchedule(db, feedId)).toBe(false);
  });

  test("refuse invalid input with field details and write nothing", async ({ db }) => {
    const { feedIds } = await accountWithFeeds(db, 1);
    const feedId = feedIds[0] ?? "";
    const error = await setFeedSchedule(db, feedId, { cron: "0 25 * * *", timeZone: "Nowhere" })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).code).toBe("INVALID_SCHEDULE");
    expect((error as JobError).details?.map((d) => d.path).sort()).toEqual(["cron", "timeZone"]);
    expect(await getFeedSchedule(db, feedId)).toBeUndefined();

    await expect(
      setFeedSchedule(db, "00000000-0000-4000-8000-000000000000", { everySeconds: 600 }),
    ).rejects.toMatchObject({ code: "FEED_NOT_FOUND" });
  });

  test("are claimed once per slot and advanced to their next slot", async ({ db }) => {
    const { feedIds } = await accountWithFeeds(db, 3);
    for (const feedId of feedIds)
      await setFeedSchedule(db, feedId, { everySeconds: 600 }, { now: NOW });

    expect(await claimDueSchedules(db, { now: minutes(9) })).toEqual([]);
    const first = await claimDueSchedules(db, { now: minutes(10) });
    expect(first.map((c) => c.feedId).sort()).toEqual([...feedIds].sort());
    expect(first.every((c) => c.slot.getTime() === minutes(10).getTime())).toBe(true);
    // The same instant again: already claimed.
    expect(await claimDueSchedules(db, { now: minutes(10) })).toEqual([]);
    const schedule = await getFeedSchedule(db, feedIds[0] ?? "");
    expect(schedule?.nextRunAt).toEqual(minutes(20));
    expect(schedule?.lastRunAt).toEqual(minutes(10));
  });
});
