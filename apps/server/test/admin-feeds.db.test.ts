import { createKeyRing, generateKey } from "@comptoir/auth";
import { issueAdminKey } from "@comptoir/auth/admin-key-store";
import { schema } from "@comptoir/db";
import { createMemoryStore } from "@comptoir/storage";
import { dbTest as test } from "@comptoir/testing";
import { describe, expect } from "vitest";
import { testApp } from "./support.ts";

type Db = Parameters<typeof testApp>[0];
type Json = Record<string, unknown> & { error?: { code: string; details?: { path: string }[] } };

const ring = createKeyRing([generateKey({ id: "t1" })]);

async function setup(db: Db, options: { jobs?: boolean } = {}) {
  await db
    .insert(schema.accounts)
    .values({ name: "shop", hiboutikAccount: "shop", authKind: "basic" });
  const write = (await issueAdminKey(db, { name: "writer", scopes: ["read", "write"] })).key;
  const read = (await issueAdminKey(db, { name: "reader", scopes: ["read"] })).key;
  const sent: { queue: string; payload: unknown }[] = [];
  const jobs = {
    async enqueueSync(payload: unknown) {
      sent.push({ queue: "catalog.sync", payload });
      return `job-${sent.length}`;
    },
    async enqueueGenerate(payload: unknown) {
      sent.push({ queue: "feed.generate", payload });
      return `job-${sent.length}`;
    },
  };
  const app = testApp(
    db,
    { ring },
    {
      blobs: createMemoryStore(),
      ...(options.jobs === false ? {} : { jobs }),
    },
  );
  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const response = await app.request(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  return { call, read, write, sent };
}

describe("admin API /api/v1/feeds, runs and sync", () => {
  test("creates, lists, shows, updates, schedules, rotates and deletes a feed", async ({ db }) => {
    const { call, read, write } = await setup(db);
    const created = await call("POST", "/feeds", write, {
      account: "shop",
      channel: "google",
      linkTemplate: "https://shop.example/p/{ref}",
      schedule: { cron: "0 6 * * *", timeZone: "Europe/Paris" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      account: "shop",
      name: "google",
      file: "google.xml",
      live: null,
      runs: [],
      schedule: { kind: "cron", cron: "0 6 * * *", timeZone: "Europe/Paris" },
    });
    expect(created.body.url).toMatch(/^http:\/\/localhost\/feeds\/[^/]+\/google\.xml$/);

    const list = await call("GET", "/feeds?account=shop", read);
    expect((list.body.feeds as { id: string }[]).map((f) => f.id)).toEqual([id]);

    const updated = await call("PATCH", `/feeds/${id}`, write, {
      name: "google-fr",
      schedule: { everySeconds: 3600 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: "google-fr",
      schedule: { kind: "interval", intervalSeconds: 3600 },
    });
    const byName = await call("GET", `/feeds/${encodeURIComponent("shop/google-fr")}`, read);
    expect(byName.body.id).toBe(id);

    const unscheduled = await call("PATCH", `/feeds/${id}`, write, { schedule: null });
    expect(unscheduled.body.schedule).toBeNull();

    const rotated = await call("POST", `/feeds/${id}/rotate-url`, write);
    expect(rotated.body).toMatchObject({ urlTokenVersion: 2 });
    expect(rotated.body.url).not.toBe(created.body.url);

    const removed = await call("DELETE", `/feeds/${id}`, write);
    expect(removed.status).toBe(200);
    expect((await call("GET", `/feeds/${id}`, read)).status).toBe(404);
  });

  test("queues generations and syncs instead of running them in the request", async ({ db }) => {
    const { call, write, sent } = await setup(db);
    const created = await call("POST", "/feeds", write, {
      account: "shop",
      channel: "csv",
      linkTemplate: "https://shop.example/p/{ref}",
    });
    const id = created.body.id as string;
    const generate = await call("POST", `/feeds/${id}/generate`, write);
    expect(generate).toEqual({ status: 202, body: { queued: true, jobId: "job-1" } });
    const sync = await call("POST", "/sync", write, {
      account: "shop",
      kind: "products",
      productIds: [3, 4],
    });
    expect(sync.status).toBe(202);
    const [account] = await db.select().from(schema.accounts);
    expect(sent).toEqual([
      { queue: "feed.generate", payload: { feedId: id, trigger: "api" } },
      {
        queue: "catalog.sync",
        payload: { accountId: account?.id, kind: "products", productIds: [3, 4] },
      },
    ]);
    expect((await call("GET", `/feeds/${id}/runs`, write)).body).toEqual({ runs: [] });
    const rollback = await call("POST", `/feeds/${id}/rollback`, write);
    expect(rollback.status).toBe(409);
    expect(rollback.body.error?.code).toBe("CONFLICT");
  });

  test("refuses invalid writes field by field and writes nothing", async ({ db }) => {
    const { call, write } = await setup(db);
    const bad = await call("POST", "/feeds", write, {
      account: "shop",
      channel: "google",
      linkTemplate: "https://shop.example/p/{ref}",
      schedule: { everySeconds: 5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details?.map((d) => d.path)).toEqual(["schedule.everySeconds"]);

    const unknownAccount = await call("POST", "/feeds", write, {
      account: "nobody",
      channel: "google",
    });
    expect(unknownAccount.status).toBe(400);
    expect(unknownAccount.body.error?.details?.map((d) => d.path)).toEqual(["account"]);

    const badChannel = await call("POST", "/feeds", write, { account: "shop", channel: "myspace" });
    expect(badChannel.body.error?.details?.map((d) => d.path)).toEqual(["channel"]);

    const badSync = await call("POST", "/sync", write, { account: "shop", kind: "products" });
    expect(badSync.status).toBe(400);
    expect(badSync.body.error?.details?.map((d) => d.path)).toEqual(["productIds"]);
    expect(await db.select().from(schema.feeds)).toEqual([]);
    expect(await db.select().from(schema.feedSchedules)).toEqual([]);
  });

  test("shows pending jobs and the jobs that failed every retry", async ({ db }) => {
    const { call, read } = await setup(db);
    await db.insert(schema.jobDeadLetters).values({
      queue: "feed.generate",
      jobId: "j-1",
      payload: { feedId: "f", trigger: "api" },
      error: "the serializer broke",
      attempts: 4,
    });
    const jobs = await call("GET", "/jobs", read);
    expect(jobs.status).toBe(200);
    expect(jobs.body.pending).toEqual(expect.any(Object));
    expect(jobs.body.deadLetters).toEqual([
      expect.objectContaining({
        queue: "feed.generate",
        error: "the serializer broke",
        attempts: 4,
      }),
    ]);
  });

  test("needs the right scope, and answers 503 when no job queue runs", async ({ db }) => {
    const { call, read, write } = await setup(db, { jobs: false });
    const forbidden = await call("POST", "/feeds", read, { account: "shop", channel: "google" });
    expect(forbidden.status).toBe(403);
    const anonymous = await testApp(db, { ring }).request("/api/v1/feeds");
    expect(anonymous.status).toBe(401);
    const noQueue = await call("POST", "/sync", write, { account: "shop", kind: "full" });
    expect(noQueue.status).toBe(503);
    expect(noQueue.body.error?.code).toBe("UNAVAILABLE");
  });
});
