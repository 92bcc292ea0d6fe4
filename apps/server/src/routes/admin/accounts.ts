import {
  AccountError,
  type AccountOverview,
  type AccountSummary,
  addAccount,
  findAccount,
  listAccounts,
  removeAccount,
  summarize,
} from "@comptoir/accounts";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type App, validationHook } from "../../app.ts";
import { ApiError, type ErrorCode } from "../../errors.ts";
import { type AdminEnv, requireScope } from "../../middleware/admin-auth.ts";
import { adminErrorResponses, errorSchema, notFoundResponse } from "../../schemas.ts";

const accountSchema = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: "boutique" }),
    hiboutikAccount: z.string().openapi({ example: "maboutique" }),
    apiUrl: z.string().nullable(),
    authKind: z.enum(["basic", "oauth"]),
    status: z.enum(["pending", "active", "disconnected"]),
    statusReason: z.string().nullable(),
    monthlyCallQuota: z.number().int(),
    createdAt: z.string(),
  })
  .openapi("Account");

const accountOverviewSchema = accountSchema
  .extend({
    callsThisMonth: z.number().int(),
    lastSync: z.object({ at: z.string(), kind: z.string(), outcome: z.string() }).nullable(),
  })
  .openapi("AccountOverview");

const addAccountBody = z
  .object({
    name: z.string().openapi({ example: "boutique" }),
    hiboutikAccount: z.string().openapi({ example: "maboutique" }),
    apiUrl: z.string().optional(),
    monthlyCallQuota: z.number().int().positive().optional(),
    credentials: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("basic"), user: z.string(), apiKey: z.string() }),
      z.object({ kind: z.literal("oauth") }),
    ]),
  })
  .openapi("NewAccount");

const nameParam = z.object({ name: z.string().openapi({ param: { name: "name", in: "path" } }) });

const ACCOUNT_ERRORS: Partial<Record<string, ErrorCode>> = {
  INVALID_ACCOUNT: "BAD_REQUEST",
  ACCOUNT_EXISTS: "CONFLICT",
  ACCOUNT_NOT_FOUND: "NOT_FOUND",
  CREDENTIALS_REJECTED: "UNPROCESSABLE",
  HIBOUTIK_UNREACHABLE: "UNAVAILABLE",
};

/** Account verbs' errors become the house error, keeping their field details. */
async function mapAccountErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AccountError) {
      throw new ApiError(ACCOUNT_ERRORS[error.code] ?? "BAD_REQUEST", error.message, {
        details: error.details,
        cause: error,
      });
    }
    throw error;
  }
}

function accountJson<T extends AccountSummary>(
  account: T,
): Omit<T, "createdAt"> & { createdAt: string } {
  return { ...account, createdAt: account.createdAt.toISOString() };
}

function overviewJson(account: AccountOverview) {
  return {
    ...accountJson(account),
    lastSync: account.lastSync
      ? { ...account.lastSync, at: account.lastSync.at.toISOString() }
      : null,
  };
}

export function registerAdminAccountRoutes(app: App): void {
  const router = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  router.openapi(
    createRoute({
      method: "get",
      path: "/accounts",
      summary: "List accounts with their status, last sync and API calls this month",
      tags: ["accounts"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("read")] as const,
      responses: {
        200: {
          description: "Accounts",
          content: {
            "application/json": { schema: z.object({ accounts: z.array(accountOverviewSchema) }) },
          },
        },
        ...adminErrorResponses,
      },
    }),
    async (c) =>
      c.json({ accounts: (await listAccounts(c.get("deps").db)).map(overviewJson) }, 200),
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{name}",
      summary: "Show one account",
      tags: ["accounts"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("read")] as const,
      request: { params: nameParam },
      responses: {
        200: {
          description: "The account",
          content: { "application/json": { schema: accountSchema } },
        },
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const account = await mapAccountErrors(() =>
        findAccount(c.get("deps").db, c.req.valid("param").name),
      );
      return c.json(accountJson(summarize(account)), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/accounts",
      summary: "Add an account (an API key is checked with one Hiboutik call first)",
      tags: ["accounts"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: {
        body: { content: { "application/json": { schema: addAccountBody } }, required: true },
      },
      responses: {
        201: { description: "Added", content: { "application/json": { schema: accountSchema } } },
        ...adminErrorResponses,
        409: {
          description: "Name taken",
          content: { "application/json": { schema: errorSchema } },
        },
        422: {
          description: "Hiboutik refused the credentials",
          content: { "application/json": { schema: errorSchema } },
        },
      },
    }),
    async (c) => {
      const { db, accountServices } = c.get("deps");
      const account = await mapAccountErrors(() =>
        addAccount(db, accountServices, c.req.valid("json")),
      );
      return c.json(accountJson(account), 201);
    },
  );

  router.openapi(
    createRoute({
      method: "delete",
      path: "/accounts/{name}",
      summary: "Remove an account and everything derived from it",
      tags: ["accounts"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: { params: nameParam },
      responses: {
        200: { description: "Removed", content: { "application/json": { schema: accountSchema } } },
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const removed = await mapAccountErrors(() =>
        removeAccount(c.get("deps").db, c.req.valid("param").name),
      );
      return c.json(accountJson(removed), 200);
    },
  );

  app.route("/api/v1", router);
}
