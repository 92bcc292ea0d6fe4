import { describe, expect, it } from "vitest";
import { ConfigError, describeDatabase, loadConfig } from "../src/index.ts";

const KEY = Buffer.alloc(32, 7).toString("base64");

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, "/srv/shop");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("defaults to the embedded database under ./.data", () => {
    const config = loadConfig({}, "/srv/shop");
    expect(config.database).toEqual({ kind: "pglite", dataDir: "/srv/shop/.data/pglite" });
    expect(config.dataDir).toBe("/srv/shop/.data");
    expect(config.secretKeys).toBeUndefined();
    expect(config.log).toEqual({ level: "info", format: "auto" });
  });

  it("reads PostgreSQL, the data dir, keys, public URL and port", () => {
    const config = loadConfig(
      {
        DATABASE_URL: "postgres://app:pw@db:5432/comptoir",
        COMPTOIR_DATA_DIR: "var/data",
        COMPTOIR_SECRET_KEYS: `k2:${KEY},k1:${KEY}`,
        COMPTOIR_PUBLIC_URL: "https://feeds.example.com/",
        PORT: "8080",
        LOG_LEVEL: "debug",
      },
      "/srv/shop",
    );
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://app:pw@db:5432/comptoir",
    });
    expect(config.dataDir).toBe("/srv/shop/var/data");
    expect(config.secretKeys?.map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(config.secretKeys?.[0]?.key.length).toBe(32);
    expect(config.publicUrl).toBe("https://feeds.example.com");
    expect(config.port).toBe(8080);
    expect(describeDatabase(config)).toBe("PostgreSQL at postgres://app:***@db:5432/comptoir");
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", LOG_LEVEL: " " }, "/x").database.kind).toBe("pglite");
  });

  it("accepts memory:// for a throw-away embedded database", () => {
    expect(loadConfig({ DATABASE_URL: "memory://" }, "/x").database).toEqual({
      kind: "pglite-memory",
    });
  });

  it("lists every problem at once, with what to do", () => {
    const env = {
      DATABASE_URL: "mysql://root@localhost/shop",
      COMPTOIR_SECRET_KEYS: "primary:dG9vLXNob3J0",
      COMPTOIR_PUBLIC_URL: "feeds.example.com",
      PORT: "http",
      LOG_LEVEL: "loud",
      LOG_FORMAT: "xml",
    };
    expect(problemsOf(env).sort()).toEqual(
      [
        "COMPTOIR_PUBLIC_URL",
        "COMPTOIR_SECRET_KEYS",
        "DATABASE_URL",
        "LOG_FORMAT",
        "LOG_LEVEL",
        "PORT",
      ].sort(),
    );
    try {
      loadConfig(env, "/x");
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("Invalid configuration (6 problems)");
      expect(message).toContain(
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      );
      expect(message).toContain("unset it to use the embedded database");
      expect(message).toContain("randomBytes(32)");
      // Secret values are never echoed back.
      expect(message).not.toContain("dG9vLXNob3J0");
      expect(message).not.toContain("mysql://root@localhost");
    }
  });

  it("refuses duplicate key ids and out-of-range ports", () => {
    expect(problemsOf({ COMPTOIR_SECRET_KEYS: `a:${KEY},a:${KEY}` })).toEqual([
      "COMPTOIR_SECRET_KEYS",
    ]);
    expect(problemsOf({ PORT: "70000" })).toEqual(["PORT"]);
  });
});

describe("the Hiboutik OAuth app", () => {
  it("is configured by its client id and secret together", () => {
    const config = loadConfig(
      { HIBOUTIK_OAUTH_CLIENT_ID: "app-1", HIBOUTIK_OAUTH_CLIENT_SECRET: "s3cret" },
      "/x",
    );
    expect(config.hiboutikOAuth).toEqual({ clientId: "app-1", clientSecret: "s3cret" });
    expect(loadConfig({}, "/x").hiboutikOAuth).toBeUndefined();
  });

  it("refuses one without the other, naming the missing one", () => {
    expect(problemsOf({ HIBOUTIK_OAUTH_CLIENT_ID: "app-1" })).toEqual([
      "HIBOUTIK_OAUTH_CLIENT_SECRET",
    ]);
    expect(problemsOf({ HIBOUTIK_OAUTH_CLIENT_SECRET: "s3cret" })).toEqual([
      "HIBOUTIK_OAUTH_CLIENT_ID",
    ]);
  });
});
