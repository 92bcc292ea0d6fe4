import { createKeyRing, generateKey } from "@comptoir/auth";
import { loadConfig } from "@comptoir/config";
import { type Database, schema } from "@comptoir/db";
import { QUEUES } from "@comptoir/jobs";
import { createLogger } from "@comptoir/logger";
import { createMemoryStore } from "@comptoir/storage";
import { createTestDatabase, type TestDatabase } from "@comptoir/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServiceOptions, startService } from "../src/index.ts";

async function eventually(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("the service roles", () => {
  let database: TestDatabase;
  let db: Database;
  let feedId: string;
  const base = (): Omit<ServiceOptions, "role"> => ({
    db,
    logger: createLogger({ level: "silent" }),
    config: loadConfig({}, "/tmp"),
    accountServices: { ring: createKeyRing([generateKey({ id: "t1" })]) },
    blobs: createMemoryStore(),
    pollingIntervalSeconds: 0.5,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.handle.db;
    const [account] = await db
      .insert(schema.accounts)
      .values({ name: "shop", hiboutikAccount: "shop", authKind: "basic" })
      .returning();
    const [feed] = await db
      .insert(schema.feeds)
      .values({
        accountId: account?.id ?? "",
        name: "csv",
        channel: "csv",
        profile: "generic-csv",
        settings: {},
      })
      .returning();
    feedId = feed?.id ?? "";
  });
  afterAll(() => database?.dispose());

  it("web serves HTTP and only enqueues; worker runs jobs and serves nothing", async () => {
    const ran: string[] = [];
    const web = await startService({
      ...base(),
      role: "web",
      generateFeed: async () => void ran.push("web"),
    });
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${web.url}/healthz`)).status).toBe(200);
    const jobId = await web.jobs.enqueueGenerate({ feedId, trigger: "api" });
    expect(await web.jobs.jobState(QUEUES.feedGenerate, jobId ?? "")).toBe("created");

    const worker = await startService({
      ...base(),
      role: "worker",
      generateFeed: async (payload) => void ran.push(`worker:${payload.feedId}`),
    });
    expect(worker.url).toBeUndefined();
    await eventually(
      async () => (await worker.jobs.jobState(QUEUES.feedGenerate, jobId ?? "")) === "completed",
    );
    expect(ran).toEqual([`worker:${feedId}`]);
    await worker.stop();
    await web.stop();
  });

  it("finishes the job in flight before it stops", async () => {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const service = await startService({
      ...base(),
      role: "all",
      generateFeed: () => {
        started();
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    const jobId = (await service.jobs.enqueueGenerate({ feedId, trigger: "api" })) ?? "";
    await running;
    let stopped = false;
    const stopping = service.stop({ timeoutMs: 60_000 }).then(() => {
      stopped = true;
    });
    // The HTTP side is closed at once; the job is still running and stop() waits for it.
    await eventually(
      async () => (await fetch(`${service.url}/healthz`).catch(() => null)) === null,
    );
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await service.jobs.jobState(QUEUES.feedGenerate, jobId)).toBe("completed");
  });
});
