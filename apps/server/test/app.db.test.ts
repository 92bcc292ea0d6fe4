import { dbTest as test } from "@comptoir/testing";
import { z } from "@hono/zod-openapi";
import { describe, expect } from "vitest";
import { ApiError } from "../src/index.ts";
import { testApp } from "./support.ts";

describe("the app factory", () => {
  test("answers /healthz and /readyz on a migrated database", async ({ db }) => {
    const app = testApp(db);
    const health = await app.request("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    const ready = await app.request("/readyz");
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      ready: boolean;
      checks: Record<string, { ok: boolean }>;
    };
    expect(body.ready).toBe(true);
    expect(body.checks.migrations?.ok).toBe(true);
  });

  test("gives every response a request id and every error one JSON shape", async ({ db }) => {
    const app = testApp(db);
    const response = await app.request("/nowhere");
    expect(response.status).toBe(404);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toBeTruthy();
    expect(await response.json()).toEqual({
      error: { code: "NOT_FOUND", message: "No route for GET /nowhere.", requestId },
    });
  });

  test("turns invalid input into field-level details and unknown failures into a generic 500", async ({
    db,
  }) => {
    const app = testApp(db);
    app.openapi(
      {
        method: "get",
        path: "/probe/{n}",
        request: { params: z.object({ n: z.coerce.number().int().min(1) }) },
        responses: { 200: { description: "ok" } },
      },
      (c) => {
        if (c.req.valid("param").n === 13) throw new Error("database password is hunter2");
        if (c.req.valid("param").n === 7) throw new ApiError("GONE", "That link expired.");
        return c.text("ok");
      },
    );
    const invalid = await app.request("/probe/zero");
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.details[0]?.path).toBe("n");

    const gone = await app.request("/probe/7");
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe("GONE");

    const crash = await app.request("/probe/13");
    expect(crash.status).toBe(500);
    const text = await crash.text();
    expect(text).toContain('"code":"INTERNAL"');
    expect(text).not.toContain("hunter2");
  });

  test("publishes an OpenAPI 3.1 document of its routes", async ({ db }) => {
    const response = await testApp(db).request("/api/openapi.json");
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz"]));
  });
});
