import type { ClientServices } from "@comptoir/accounts";
import { createKeyRing, generateKey } from "@comptoir/auth";
import { loadConfig } from "@comptoir/config";
import type { DatabaseOrTransaction } from "@comptoir/db";
import { createLogger } from "@comptoir/logger";
import { type AppDependencies, createApp } from "../src/index.ts";

/** Builds the app the way the server does, on the test's database, with quiet logs. */
export function testApp(
  db: DatabaseOrTransaction,
  services: Partial<ClientServices> = {},
  overrides: Partial<Omit<AppDependencies, "db">> = {},
) {
  const deps: AppDependencies = {
    db: db as AppDependencies["db"],
    logger: createLogger({ level: "silent" }),
    config: loadConfig({}, "/tmp"),
    accountServices: { ring: createKeyRing([generateKey({ id: "t1" })]), ...services },
    ...overrides,
  };
  return createApp(deps);
}
