import { schema } from "@comptoir/db";
import { dbTest as test } from "@comptoir/testing";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import {
  AccountError,
  addAccount,
  callsThisMonth,
  listAccounts,
  openAccountClient,
  removeAccount,
} from "../src/index.ts";
import { shop } from "./support.ts";

async function rejection(promise: Promise<unknown>): Promise<AccountError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccountError);
  return error as AccountError;
}

describe("accounts with an API key", () => {
  test("are checked with one call, then saved with the key encrypted", async ({ db }) => {
    const { services, basicInput, sim } = shop();
    const summary = await addAccount(db, services, basicInput());
    expect(summary).toMatchObject({ name: "shop", status: "active", authKind: "basic" });

    const [row] = await db.select().from(schema.accounts);
    expect(row?.credentials).toMatch(/^v1\.t1\./);
    expect(row?.credentials).not.toContain(sim.credentials.apiKey);
    expect(JSON.stringify(row)).not.toContain(sim.credentials.apiKey);
    expect(await callsThisMonth(db, summary.id, new Date("2026-11-20T10:00:00Z"))).toBe(1);
    expect(sim.requests.count()).toBe(1);
  });

  test("are refused with Hiboutik's reason when the key is wrong, and nothing is saved", async ({
    db,
  }) => {
    const { services, basicInput } = shop();
    const input = basicInput();
    const error = await rejection(
      addAccount(db, services, {
        ...input,
        credentials: { ...input.credentials, apiKey: "wrong" },
      }),
    );
    expect(error.code).toBe("CREDENTIALS_REJECTED");
    expect(error.message).toContain("Nothing was saved");
    expect(error.message).not.toContain("wrong");
    expect(await db.$count(schema.accounts)).toBe(0);
  });

  test("need a unique name and valid fields, with field-level errors", async ({ db }) => {
    const { services, basicInput } = shop();
    await addAccount(db, services, basicInput());
    expect((await rejection(addAccount(db, services, basicInput()))).code).toBe("ACCOUNT_EXISTS");

    const invalid = await rejection(
      addAccount(db, services, {
        name: "Bad Name!",
        hiboutikAccount: "https://x.hiboutik.com",
        credentials: { kind: "basic", user: "not-an-email", apiKey: "" },
      }),
    );
    expect(invalid.code).toBe("INVALID_ACCOUNT");
    expect(invalid.details?.map((d) => d.path).sort()).toEqual([
      "credentials.apiKey",
      "credentials.user",
      "hiboutikAccount",
      "name",
    ]);
    expect(await db.$count(schema.accounts)).toBe(1);
  });

  test("give an authenticated client whose calls count against the month", async ({ db }) => {
    const { services, basicInput } = shop();
    await addAccount(db, services, basicInput());
    const [account] = await db.select().from(schema.accounts);
    const { client, usage } = await openAccountClient(db, services, account as schema.Account);
    let categories = 0;
    for await (const record of client.categories.list()) if (record.ok) categories += 1;
    expect(categories).toBeGreaterThan(0);
    await usage.flush(db, new Date("2026-11-20T12:00:00Z"));

    const [overview] = await listAccounts(db, new Date("2026-11-20T12:00:00Z"));
    expect(overview).toMatchObject({
      name: "shop",
      callsThisMonth: 1 + usage.total,
      lastSync: null,
    });
    // Next month starts from zero.
    expect((await listAccounts(db, new Date("2026-12-01T00:00:00Z")))[0]?.callsThisMonth).toBe(0);
  });

  test("are removed with everything derived from them", async ({ db }) => {
    const { services, basicInput } = shop();
    const { id } = await addAccount(db, services, basicInput());
    await removeAccount(db, "shop");
    expect(await db.$count(schema.accounts)).toBe(0);
    expect(await db.$count(schema.apiUsage, eq(schema.apiUsage.accountId, id))).toBe(0);
    expect((await rejection(removeAccount(db, "shop"))).code).toBe("ACCOUNT_NOT_FOUND");
  });
});
