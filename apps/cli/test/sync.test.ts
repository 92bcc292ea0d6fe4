import path from "node:path";
import { openDatabase, schema } from "@comptoir/db";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { runComptoir, useTempDir } from "@comptoir/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PRODUCTS = 600;
const sim = createSimulator({ seed: 5, products: PRODUCTS });
let apiUrl = "";
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await sim.listen(0);
  apiUrl = `${server.url}/api`;
  close = server.close;
});
afterAll(() => close());

interface SyncJson {
  kind: string;
  reason: string;
  forced: boolean;
  callsUsed: number;
  estimatedCalls: number;
  durationMs: number;
  counts: Record<string, number>;
  details: { read: number; pending: number };
  quota: { usedThisMonth: number; monthlyQuota: number; warning: string | null };
}

function cli(dataDir: string) {
  const env = { COMPTOIR_DATA_DIR: dataDir, LOG_LEVEL: "warn" };
  return {
    run: (args: string[], input?: string) => runComptoir(args, { env, input }),
    add: (name: string, extra: string[] = []) =>
      runComptoir(
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
          ...extra,
        ],
        { env, input: sim.credentials.apiKey },
      ),
  };
}

/** Products in the data directory's mirror (one account), read once the CLI has exited. */
async function mirroredProducts(dataDir: string): Promise<number> {
  const handle = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    return await handle.db.$count(schema.catalogProducts);
  } finally {
    await handle.close();
  }
}

describe("comptoir sync", () => {
  it("mirrors the catalog: full first, then stock; products on demand; accounts list shows it", async () => {
    const dataDir = useTempDir();
    const { run, add } = cli(dataDir);
    expect((await add("shop")).code).toBe(0);

    const first = await run(["sync", "shop"]);
    expect(first.code, first.stderr).toBe(0);
    const full = first.json<SyncJson>();
    expect(full).toMatchObject({
      kind: "full",
      reason: "the mirror was never fully synced",
      forced: false,
    });
    expect(full.counts).toMatchObject({ added: PRODUCTS, changed: 0, removed: 0, skipped: 0 });
    expect(full.counts.stockChanged).toBeGreaterThan(PRODUCTS);
    expect(full.callsUsed).toBeGreaterThanOrEqual(Math.ceil(PRODUCTS / 250) + 8);
    expect(full.quota.usedThisMonth).toBe(1 + full.callsUsed); // + the credential check

    const second = await run(["sync", "shop"]);
    expect(second.json<SyncJson>()).toMatchObject({ kind: "stock", callsUsed: 1 });

    const products = await run(["sync", "shop", "--products", "3,4"]);
    expect(products.json<SyncJson>()).toMatchObject({ kind: "products", callsUsed: 2 });

    const again = await run(["sync", "shop", "--full", "--no-json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Full sync of "shop" succeeded');
    expect(again.stdout).toContain(`0 changed, 0 removed, ${PRODUCTS} unchanged, 0 skipped`);
    expect(again.stdout).toMatch(/API calls: \d+ used \(estimated \d+\)/);
    expect(again.stderr).toContain("about"); // the estimate, before the run
    expect(again.stderr).not.toContain("|"); // no progress bar off a terminal

    const list = await run(["accounts", "list"]);
    const [overview] = list.json<{ lastSync: { kind: string; outcome: string } | null }[]>();
    expect(overview?.lastSync).toMatchObject({ kind: "full", outcome: "succeeded" });
  });

  it("refuses a sync the month cannot afford with exit code 7, writes nothing, and --force overrides", async () => {
    const dataDir = useTempDir();
    const { run, add } = cli(dataDir);
    // 5 calls a month: the credential check leaves 4, a first full sync needs at least 9.
    expect((await add("tight", ["--quota", "5"])).code).toBe(0);

    const refused = await run(["sync", "tight"]);
    expect(refused.code).toBe(7);
    const { error } = JSON.parse(refused.stderr.trim().split("\n").pop() ?? "") as {
      error: { code: string; message: string };
    };
    expect(error.code).toBe("QUOTA_EXCEEDED");
    expect(error.message).toContain("only 4 of the month's 5 are left");
    expect(error.message).toContain("--force");

    const list = await run(["accounts", "list"]);
    expect(list.json()).toMatchObject([
      { name: "tight", callsThisMonth: 1, lastSync: { kind: "full", outcome: "refused" } },
    ]);
    expect(await mirroredProducts(dataDir)).toBe(0);

    const forced = await run(["sync", "tight", "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    const result = forced.json<SyncJson>();
    expect(result).toMatchObject({ kind: "full", forced: true });
    expect(result.counts.added).toBe(PRODUCTS);
    expect(result.quota.warning).toContain('Account "tight" has used');
    expect(forced.stderr).toContain("has used"); // the warning is logged too
    expect(await mirroredProducts(dataDir)).toBe(PRODUCTS);
  });

  it("exits 6 for an unknown account and 2 for a wrong command line", async () => {
    const { run } = cli(useTempDir());
    const unknown = await run(["sync", "nope"]);
    expect(unknown.code).toBe(6);
    expect(JSON.parse(unknown.stderr).error.code).toBe("ACCOUNT_NOT_FOUND");

    for (const args of [
      ["sync", "nope", "--full", "--stock"],
      ["sync", "nope", "--products", "1,x"],
      ["sync"],
    ]) {
      expect((await run(args)).code, args.join(" ")).toBe(2);
    }

    const help = await run(["sync", "--help"]);
    expect(help.stdout).toContain("Without --full, --products or --stock");
    expect(help.stdout).toContain("exit code 7");
    expect(help.stdout).toContain("--details <n|all|none|auto>");
  });

  it("--details sets the detail pass: a number, all, none; the refusal counts details", async () => {
    const dataDir = useTempDir();
    const { run, add } = cli(dataDir);
    expect((await add("shop")).code).toBe(0);

    const some = await run(["sync", "shop", "--full", "--details", "5"]);
    expect(some.code, some.stderr).toBe(0);
    const first = some.json<SyncJson>();
    expect(first.details.read).toBe(5);
    expect(first.details.pending).toBeGreaterThan(100);
    const listCalls = first.callsUsed - 5;
    expect(listCalls).toBeGreaterThanOrEqual(Math.ceil(PRODUCTS / 250) + 8);

    // The default run (stock, the full sync is fresh) with every detail still due.
    const rest = await run(["sync", "shop", "--details", "all", "--no-json"]);
    expect(rest.code, rest.stderr).toBe(0);
    expect(rest.stderr).toContain(
      `(${first.details.pending} product detail(s) of ${first.details.pending} due)`,
    );
    expect(rest.stdout).toContain('Stock sync of "shop" succeeded');
    expect(rest.stdout).toContain(`product details: ${first.details.pending} read, 0 still due`);
    expect(rest.stdout).toContain(`API calls: ${1 + first.details.pending} used`);

    const none = await run(["sync", "shop", "--full", "--details", "none"]);
    expect(none.json<SyncJson>()).toMatchObject({
      callsUsed: listCalls,
      details: { read: 0, pending: 0 },
    });

    for (const args of [
      ["sync", "shop", "--details", "lots"],
      ["sync", "shop", "--details", "-3"],
      ["sync", "shop", "--products", "3", "--details", "5"],
    ]) {
      expect((await run(args)).code, args.join(" ")).toBe(2);
    }

    // 30 calls: the credential check and a list-only full sync leave fewer than the details.
    expect((await add("tight", ["--quota", "30"])).code).toBe(0);
    expect((await run(["sync", "tight", "--details", "none"])).code).toBe(0);
    const refused = await run(["sync", "tight", "--stock", "--details", "all"]);
    expect(refused.code).toBe(7);
    const { error } = JSON.parse(refused.stderr.trim().split("\n").pop() ?? "") as {
      error: { code: string; message: string };
    };
    expect(error.code).toBe("QUOTA_EXCEEDED");
    expect(error.message).toMatch(
      /needs about \d+ Hiboutik API calls \(\d+ of them product details\)/,
    );
    expect(error.message).toContain("--details");
  });
});
