import fs from "node:fs";
import path from "node:path";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { type CliRun, runComptoir, useTempDir } from "@comptoir/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sim = createSimulator({ seed: 3, products: 20 });
let apiUrl = "";
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await sim.listen(0);
  apiUrl = `${server.url}/api`;
  close = server.close;
});
afterAll(() => close());

/** Every file under `dir`, as bytes: the embedded database, the key file, anything else. */
function everyByteUnder(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) parts.push(fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

describe("comptoir accounts", () => {
  it("adds (checking the key), lists, refuses bad keys, removes — and never stores or logs the key", async () => {
    const dataDir = useTempDir();
    const env = { COMPTOIR_DATA_DIR: dataDir, LOG_LEVEL: "trace" };
    const runs: CliRun[] = [];
    const run = async (args: string[], input?: string) => {
      const result = await runComptoir(args, { env, input });
      runs.push(result);
      return result;
    };
    const add = (name: string, key: string) =>
      run(
        [
          "accounts",
          "add",
          name,
          "--hiboutik-account",
          "demo-shop",
          "--api-url",
          apiUrl,
          "--user",
          sim.credentials.user,
          "--api-key",
          "-",
        ],
        key,
      );

    const added = await add("boutique", sim.credentials.apiKey);
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ name: "boutique", status: "active", authKind: "basic" });

    const refused = await add("other", "not-the-key");
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr).error).toMatchObject({ code: "CREDENTIALS_REJECTED" });

    const duplicate = await add("boutique", sim.credentials.apiKey);
    expect(JSON.parse(duplicate.stderr).error.code).toBe("ACCOUNT_EXISTS");

    const list = await run(["accounts", "list"]);
    const accounts = list.json<{ name: string; callsThisMonth: number }[]>();
    expect(accounts.map((a) => a.name)).toEqual(["boutique"]);
    expect(accounts[0]?.callsThisMonth).toBe(1);

    const unconfirmed = await run(["accounts", "remove", "boutique"]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain("--yes");

    const missing = await run(["accounts", "remove", "nope", "--yes"]);
    expect(missing.code).toBe(6);

    // The key was typed on stdin only: it is in no output, no log line and no file.
    const output = runs.map((r) => r.stdout + r.stderr).join("\n");
    expect(output).toContain('"msg":"migrated the embedded database"'); // logs were captured
    expect(output).not.toContain(sim.credentials.apiKey);
    expect(everyByteUnder(dataDir).includes(Buffer.from(sim.credentials.apiKey))).toBe(false);

    const removed = await run(["accounts", "remove", "boutique", "--yes"]);
    expect(removed.code).toBe(0);
    expect((await run(["accounts", "list"])).json()).toEqual([]);
  });

  it("rejects contradictory options with exit code 2", async () => {
    const env = { COMPTOIR_DATA_DIR: useTempDir() };
    const both = await runComptoir(
      [
        "accounts",
        "add",
        "x",
        "--hiboutik-account",
        "x",
        "--oauth",
        "--user",
        "a@b.c",
        "--api-key",
        "k",
      ],
      { env },
    );
    expect(both.code).toBe(2);
    const neither = await runComptoir(["accounts", "add", "x", "--hiboutik-account", "x"], { env });
    expect(neither.code).toBe(2);
  });
});

describe("comptoir keys and secrets", () => {
  it("creates an admin key shown once, lists it without the secret, revokes it", async () => {
    const env = { COMPTOIR_DATA_DIR: useTempDir() };
    const created = await runComptoir(["keys", "create", "ci", "--scope", "write"], { env });
    const { key, prefix, scopes } = created.json<{
      key: string;
      prefix: string;
      scopes: string[];
    }>();
    expect(key.startsWith(prefix)).toBe(true);
    expect(scopes).toEqual(["read", "write"]);
    const listed = await runComptoir(["keys", "list"], { env });
    expect(listed.stdout).toContain(prefix);
    expect(listed.stdout).not.toContain(key);
    expect((await runComptoir(["keys", "revoke", "ci"], { env })).code).toBe(0);
    expect((await runComptoir(["keys", "revoke", "ci"], { env })).code).toBe(6);
  });

  it("rotates the embedded key ring and keeps credentials readable", async () => {
    const dataDir = useTempDir();
    const env = { COMPTOIR_DATA_DIR: dataDir };
    const add = await runComptoir(
      [
        "accounts",
        "add",
        "shop",
        "--hiboutik-account",
        "demo-shop",
        "--api-url",
        apiUrl,
        "--user",
        sim.credentials.user,
        "--api-key",
        "-",
      ],
      { env, input: sim.credentials.apiKey },
    );
    expect(add.code, add.stderr).toBe(0);
    expect(fs.statSync(path.join(dataDir, "secret-keys")).mode & 0o777).toBe(0o600);

    const rotated = await runComptoir(["secrets", "rotate"], { env });
    expect(rotated.json()).toMatchObject({
      primaryKeyId: "k2",
      keyIds: ["k2", "k1"],
      reencrypted: 1,
      total: 1,
    });
    expect((await runComptoir(["secrets", "reencrypt"], { env })).json()).toMatchObject({
      reencrypted: 0,
    });

    const generated = await runComptoir(["secrets", "generate"], { env: {} });
    expect(generated.json<{ secretKeys: string }>().secretKeys).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
  });
});
