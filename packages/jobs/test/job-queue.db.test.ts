import { schema } from "@comptoir/db";
import { createTestDatabase, type TestDatabase } from "@comptoir/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CatalogSyncPayload,
  type FeedGeneratePayload,
  JobError,
  type JobQueue,
  QUEUES,
  runFeedTick,
  setFeedSchedule,
  startJobQueue,
} from "../src/index.ts";
import { accountWithFeeds, eventually, quietLogger } from "./support.ts";

describe("the job queue (pg-boss on our database)", () => {
  let database: TestDatabase;
  let queue: JobQueue;
  const syncs: CatalogSyncPayload[] = [];
  const generations: FeedGeneratePayload[] = [];
  let failGenerations = false;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startJobQueue({
      db: database.handle.db,
      logger: quietLogger,
      role: "worker",
      pollingIntervalSeconds: 0.5,
      tickCron: null,
      retry: { "feed.generate": { retryLimit: 1, retryDelay: 0, retryBackoff: false } },
    });
  });

  afterAll(async () => {
    await queue?.stop({ timeoutMs: 1000 });
    await database?.dispose();
  });

  const idle = () =>
    eventually(async () => Object.values(await queue.pending()).every((n) => n === 0));

  it("validates payloads with field details before enqueueing", async () => {
    const error = await queue
      .enqueueSync({ accountId: "nope", kind: "products", productIds: [] } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).details?.map((d) => d.path).sort()).toEqual([
      "accountId",
      "productIds",
    ]);
    expect(await queue.pending()).toEqual({});
  });

  it("collapses a burst of identical syncs into one job, and runs it once", async () => {
    const { accountId } = await accountWithFeeds(database.handle.db, 0, "burst");
    const ids: (string | null)[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(await queue.enqueueSync({ accountId, kind: "products", productIds: [7] }));
    }
    // Another product is other work: it is not swallowed by the first one's job.
    const other = await queue.enqueueSync({ accountId, kind: "products", productIds: [8] });
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(other).not.toBeNull();

    await queue.work(
      {
        catalogSync: async (payload) => {
          syncs.push(payload);
        },
        feedGenerate: async (payload) => {
          if (failGenerations) throw new Error("the serializer broke");
          generations.push(payload);
        },
      },
      { concurrency: 1 },
    );
    await idle();
    expect(syncs).toEqual([
      { accountId, kind: "products", productIds: [7] },
      { accountId, kind: "products", productIds: [8] },
    ]);
  });

  it("fans due schedules out to one generation per feed and slot", async () => {
    const db = database.handle.db;
    const { feedIds } = await accountWithFeeds(db, 3, "scheduled");
    const now = new Date();
    for (const feedId of feedIds) {
      await setFeedSchedule(
        db,
        feedId,
        { everySeconds: 60 },
        { now: new Date(now.getTime() - 60_000) },
      );
    }
    const claimed = await runFeedTick(db, queue, { now });
    expect(claimed).toHaveLength(3);
    expect(await runFeedTick(db, queue, { now })).toHaveLength(0);
    await idle();
    const ran = generations.filter((g) => feedIds.includes(g.feedId));
    expect(ran.map((g) => g.feedId).sort()).toEqual([...feedIds].sort());
    expect(
      ran.every((g) => g.trigger === "schedule" && g.slot === claimed[0]?.slot.toISOString()),
    ).toBe(true);
  });

  it("retries a failing job, then records it as a dead letter", async () => {
    const db = database.handle.db;
    const { feedIds } = await accountWithFeeds(db, 1, "failing");
    failGenerations = true;
    const jobId = await queue.enqueueGenerate({ feedId: feedIds[0] ?? "", trigger: "api" });
    expect(jobId).not.toBeNull();
    let letters: schema.JobDeadLetter[] = [];
    await eventually(async () => {
      letters = await db.select().from(schema.jobDeadLetters);
      return letters.length > 0;
    });
    failGenerations = false;
    expect(await queue.jobState(QUEUES.feedGenerate, jobId ?? "")).toBe("failed");
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      queue: "feed.generate",
      payload: { feedId: feedIds[0], trigger: "api" },
      error: "the serializer broke",
      attempts: 2,
    });
  });
});
