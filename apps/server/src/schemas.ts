import { z } from "@hono/zod-openapi";

/** Schemas shared by the admin API's routes (and its OpenAPI document). */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "NOT_FOUND" }),
      message: z.string(),
      requestId: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

/** The error responses every admin route may give, spread into each route definition. */
export const adminErrorResponses = {
  400: { description: "Invalid input", content: { "application/json": { schema: errorSchema } } },
  401: {
    description: "Missing or invalid admin key",
    content: { "application/json": { schema: errorSchema } },
  },
  403: {
    description: "The key lacks the scope",
    content: { "application/json": { schema: errorSchema } },
  },
} as const;

export const notFoundResponse = {
  404: { description: "Not found", content: { "application/json": { schema: errorSchema } } },
} as const;
