import { randomUUID } from "node:crypto";
import {
  createHiboutikClient,
  type FetchLike,
  HiboutikAuthError,
  HiboutikError,
  HiboutikForbiddenError,
  HiboutikNetworkError,
} from "@comptoir/api-client";
import { encryptCredentials, type KeyRing } from "@comptoir/auth";
import { type Database, schema } from "@comptoir/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type AccountSummary, summarize } from "./accounts.ts";
import { AccountError } from "./errors.ts";
import { recordUsage } from "./usage.ts";

export const ACCOUNT_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const HIBOUTIK_SUBDOMAIN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const addAccountInput = z.object({
  name: z
    .string()
    .trim()
    .regex(
      ACCOUNT_NAME,
      "must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit",
    ),
  hiboutikAccount: z
    .string()
    .trim()
    .toLowerCase()
    .regex(HIBOUTIK_SUBDOMAIN, "must be the Hiboutik subdomain: NAME in https://NAME.hiboutik.com"),
  apiUrl: z
    .url({
      protocol: /^https?$/,
      error: "must be an absolute http(s) URL such as https://proxy.example/api",
    })
    .optional(),
  monthlyCallQuota: z.number().int().positive().max(10_000_000).optional(),
  credentials: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("basic"),
      user: z.email("must be the email the Hiboutik user logs in with"),
      apiKey: z.string().trim().min(1, "is required (Hiboutik: Settings → API)"),
    }),
    z.object({ kind: z.literal("oauth") }),
  ]),
});

export type AddAccountInput = z.input<typeof addAccountInput>;

export interface AccountServices {
  readonly ring: KeyRing;
  /** How to reach Hiboutik (the global fetch by default; tests pass the simulator's). */
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
}

export function parseAddAccountInput(input: AddAccountInput): z.output<typeof addAccountInput> {
  const parsed = addAccountInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
  }));
  throw new AccountError(
    "INVALID_ACCOUNT",
    `Invalid account: ${details.map((d) => `${d.path} ${d.message}`).join("; ")}.`,
    { details },
  );
}

/**
 * Registers a shop. Basic credentials are checked first with one cheap call (`GET /stores/`):
 * a refused key is reported with Hiboutik's reason and nothing is saved. An OAuth account is
 * saved as `pending` until the shop consents (see `startOAuthConnect`).
 */
export async function addAccount(
  db: Database,
  services: AccountServices,
  input: AddAccountInput,
): Promise<AccountSummary> {
  const account = parseAddAccountInput(input);
  const [existing] = await db
    .select({ id: schema.accounts.id })
    .from(schema.accounts)
    .where(eq(schema.accounts.name, account.name));
  if (existing) {
    throw new AccountError(
      "ACCOUNT_EXISTS",
      `An account named "${account.name}" already exists. Pick another name, or remove it first with \`comptoir accounts remove ${account.name}\`.`,
    );
  }

  const id = randomUUID();
  let checkCalls = 0;
  const credentials = account.credentials;
  if (credentials.kind === "basic") {
    checkCalls = await checkBasicCredentials(account, credentials, services);
  }
  const now = services.now?.() ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.accounts)
      .values({
        id,
        name: account.name,
        hiboutikAccount: account.hiboutikAccount,
        apiUrl: account.apiUrl ?? null,
        authKind: credentials.kind,
        // The envelope is bound to the row id, so it cannot be copied to another account.
        credentials:
          credentials.kind === "basic" ? encryptCredentials(services.ring, credentials, id) : null,
        status: credentials.kind === "basic" ? "active" : "pending",
        statusReason:
          credentials.kind === "basic" ? null : "waiting for the shop's consent on Hiboutik",
        monthlyCallQuota: account.monthlyCallQuota,
      })
      .returning();
    if (checkCalls > 0) await recordUsage(tx, id, { "GET /stores/": checkCalls }, now);
    return summarize(row as schema.Account);
  });
}

async function checkBasicCredentials(
  account: z.output<typeof addAccountInput>,
  credentials: { user: string; apiKey: string },
  services: AccountServices,
): Promise<number> {
  const client = createHiboutikClient({
    account: account.hiboutikAccount,
    baseUrl: account.apiUrl,
    auth: { type: "basic", user: credentials.user, apiKey: credentials.apiKey },
    fetch: services.fetch,
    retry: { maxAttempts: 2 },
  });
  try {
    for await (const _page of client.stores.list().pages()) break;
    return client.meter.calls;
  } catch (error) {
    if (error instanceof HiboutikAuthError || error instanceof HiboutikForbiddenError) {
      throw new AccountError(
        "CREDENTIALS_REJECTED",
        `Hiboutik refused these credentials: ${error.message} Nothing was saved. Check the user's login email and the API key (Hiboutik: Settings → API), then try again.`,
        { cause: error },
      );
    }
    if (error instanceof HiboutikNetworkError) {
      throw new AccountError(
        "HIBOUTIK_UNREACHABLE",
        `Could not reach Hiboutik at ${client.baseUrl}: ${error.message} Nothing was saved.`,
        { cause: error },
      );
    }
    if (error instanceof HiboutikError) {
      throw new AccountError(
        "CREDENTIALS_REJECTED",
        `Hiboutik answered the credential check with an error: ${error.message} Nothing was saved.`,
        { cause: error },
      );
    }
    throw error;
  }
}
