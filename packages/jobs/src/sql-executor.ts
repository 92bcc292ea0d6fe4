import type { Database } from "@comptoir/db";

/** What pg-boss accepts instead of its own pool (`new PgBoss({ db })`). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface PgliteLike {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
  waitReady?: Promise<void>;
}

interface PoolLike {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
}

/**
 * Runs pg-boss's SQL on our own connection: the PGlite instance in embedded mode (pg-boss then
 * lives in the same process, on the same single-session database), the node-postgres pool on
 * PostgreSQL (so jobs share the app's pool and its lifecycle).
 *
 * pg-boss sends multi-statement scripts without parameters (its migrations, `BEGIN; …; COMMIT`)
 * and single statements with parameters. node-postgres handles both through `query`; PGlite's
 * `query` uses the extended protocol (one statement), so scripts go through `exec` there.
 */
export function sqlExecutor(db: Database): SqlExecutor {
  const client = (db as unknown as { $client: PgliteLike | PoolLike }).$client;
  if (isPglite(client)) {
    return {
      async executeSql(text, values) {
        if (values && values.length > 0) return client.query(text, values);
        const results = await client.exec(text);
        return results.at(-1) ?? { rows: [] };
      },
    };
  }
  return {
    async executeSql(text, values) {
      const result = await client.query(text, values);
      // A multi-statement script answers one result per statement: pg-boss reads the last.
      return Array.isArray(result) ? (result.at(-1) ?? { rows: [] }) : result;
    },
  };
}

function isPglite(client: PgliteLike | PoolLike): client is PgliteLike {
  return typeof (client as PgliteLike).exec === "function" && "waitReady" in client;
}
