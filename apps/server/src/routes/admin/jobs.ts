import { queryRows, schema } from "@comptoir/db";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { desc, sql } from "drizzle-orm";
import { type App, validationHook } from "../../app.ts";
import { type AdminEnv, requireScope } from "../../middleware/admin-auth.ts";
import { adminErrorResponses } from "../../schemas.ts";

const deadLetterSchema = z
  .object({
    id: z.uuid(),
    queue: z.string().openapi({ example: "feed.generate" }),
    jobId: z.string(),
    payload: z.unknown(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    failedAt: z.string(),
  })
  .openapi("DeadLetter");

/**
 * `GET /api/v1/jobs`: what the workers have to do (jobs queued, retrying or running, per queue)
 * and the jobs that failed every retry. pg-boss's own dashboard needs Node 22; this is enough to
 * see a stuck queue or a failing feed.
 */
export function registerAdminJobRoutes(app: App): void {
  const router = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  router.openapi(
    createRoute({
      method: "get",
      path: "/jobs",
      summary: "Pending jobs per queue and the latest dead letters",
      tags: ["jobs"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("read")] as const,
      request: {
        query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      responses: {
        200: {
          description: "Queues",
          content: {
            "application/json": {
              schema: z.object({
                pending: z.record(z.string(), z.number().int()),
                deadLetters: z.array(deadLetterSchema),
              }),
            },
          },
        },
        ...adminErrorResponses,
      },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const [installed] = await queryRows<{ present: boolean }>(
        db,
        sql`select to_regclass('pgboss.job') is not null as present`,
      );
      const pending: Record<string, number> = {};
      if (installed?.present) {
        const rows = await queryRows<{ name: string; n: number }>(
          db,
          sql`select name, count(*)::int as n from pgboss.job
              where state in ('created', 'retry', 'active') group by name order by name`,
        );
        for (const row of rows) pending[row.name] = row.n;
      }
      const letters = await db
        .select()
        .from(schema.jobDeadLetters)
        .orderBy(desc(schema.jobDeadLetters.failedAt))
        .limit(c.req.valid("query").limit);
      return c.json(
        {
          pending,
          deadLetters: letters.map((letter) => ({
            ...letter,
            failedAt: letter.failedAt.toISOString(),
          })),
        },
        200,
      );
    },
  );
  app.route("/api/v1", router);
}
