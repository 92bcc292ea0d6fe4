import { Readable } from "node:stream";
import { migrationStatus, queryRows } from "@comptoir/db";
import type { BlobStore } from "@comptoir/storage";
import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { App } from "../app.ts";

const check = z.object({ ok: z.boolean(), detail: z.string() });
const readiness = z.object({ ready: z.boolean(), checks: z.record(z.string(), check) });

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  summary: "The process is up",
  responses: {
    200: {
      description: "alive",
      content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } },
    },
  },
});

const readyz = createRoute({
  method: "get",
  path: "/readyz",
  summary: "Ready to serve: database reachable and migrated, blob storage writable",
  responses: {
    200: { description: "ready", content: { "application/json": { schema: readiness } } },
    503: { description: "not ready", content: { "application/json": { schema: readiness } } },
  },
});

/** Writes and deletes a small blob: a full disk or a read-only mount shows here, not on publish. */
async function storageCheck(blobs: BlobStore): Promise<z.infer<typeof check>> {
  const key = `health/readyz-${process.pid}-${Date.now()}.txt`;
  try {
    await blobs.put(key, Readable.from([Buffer.from("ok")]), { contentType: "text/plain" });
    await blobs.delete(key);
    return { ok: true, detail: "writable" };
  } catch (error) {
    return { ok: false, detail: `not writable: ${(error as Error).message}` };
  }
}

export function registerHealthRoutes(app: App): void {
  app.openapi(healthz, (c) => c.json({ ok: true as const }, 200));

  app.openapi(readyz, async (c) => {
    const { db, blobs } = c.get("deps");
    const checks: Record<string, z.infer<typeof check>> = {};
    try {
      await queryRows(db, sql`select 1`);
      const status = await migrationStatus(db);
      checks.database = { ok: true, detail: "reachable" };
      checks.migrations =
        status.pending.length === 0
          ? { ok: true, detail: `${status.applied} applied` }
          : { ok: false, detail: `pending: ${status.pending.join(", ")}; run comptoir db migrate` };
    } catch (error) {
      checks.database = { ok: false, detail: (error as Error).message };
    }
    if (blobs) checks.storage = await storageCheck(blobs);
    const ready = Object.values(checks).every((entry) => entry.ok);
    return c.json({ ready, checks }, ready ? 200 : 503);
  });
}
