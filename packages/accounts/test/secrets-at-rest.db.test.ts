import { queryRows, schema } from "@comptoir/db";
import { dbTest as test } from "@comptoir/testing";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import {
  addAccount,
  findAccount,
  finishOAuthConnect,
  openAccountClient,
  startOAuthConnect,
} from "../src/index.ts";
import { binding, consent, shop } from "./support.ts";

/** Every row of every table in the public schema, as JSON text. */
async function dumpDatabase(db: Parameters<typeof queryRows>[0]): Promise<string> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    parts.push(JSON.stringify(await queryRows(db, sql`select * from ${sql.identifier(name)}`)));
  }
  return parts.join("\n");
}

test("no API key, access token or refresh token is stored in plain anywhere in the database", async ({
  db,
}) => {
  const world = shop();
  const issued: string[] = [];
  const services = {
    ...world.services,
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const response = await world.sim.fetch(input, init);
      if (String(input).includes("token.php")) {
        const body = (await response.clone().json()) as {
          access_token?: string;
          refresh_token?: string;
        };
        issued.push(...[body.access_token, body.refresh_token].filter((t): t is string => !!t));
      }
      return response;
    },
  };
  await addAccount(db, services, world.basicInput("keyed"));
  await addAccount(db, services, {
    name: "oauthed",
    hiboutikAccount: "demo-shop",
    apiUrl: world.sim.baseUrl,
    credentials: { kind: "oauth" },
  });
  const { authorizeUrl } = await startOAuthConnect(db, services, {
    accountName: "oauthed",
    binding,
  });
  await finishOAuthConnect(db, services, {
    callbackUrl: await consent(world.sim, authorizeUrl),
    binding,
  });
  world.sim.faults.expireTokens();
  const { client } = await openAccountClient(db, services, await findAccount(db, "oauthed"));
  for await (const _ of client.taxes.list()) break;

  expect(issued.length).toBeGreaterThanOrEqual(4); // code exchange + refresh, access + refresh each
  const dump = await dumpDatabase(db);
  expect(dump).toContain("oauthed");
  for (const secret of [world.sim.credentials.apiKey, ...issued])
    expect(dump).not.toContain(secret);
  expect(await db.$count(schema.accounts)).toBe(2);
});
