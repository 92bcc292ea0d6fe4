import { createSimulator } from "@comptoir/hiboutik-sim";
import { runComptoir, startComptoir, useTempDir } from "@comptoir/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sim = createSimulator({ seed: 4, products: 15 });
let apiUrl = "";
let closeSim: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await sim.listen(0);
  apiUrl = `${server.url}/api`;
  closeSim = server.close;
});
afterAll(() => closeSim());

interface Overview {
  name: string;
  lastSync: { kind: string; outcome: string } | null;
}

describe("comptoir serve and other commands on one data directory", () => {
  it("keeps commands working while it runs, and takes Hiboutik webhooks into its jobs", async () => {
    const dataDir = useTempDir();
    const env = { COMPTOIR_DATA_DIR: dataDir, LOG_LEVEL: "warn" };
    const server = await startComptoir<{ url: string; role: string; jobs: string; shared: string }>(
      ["serve", "--port", "0"],
      { env },
    );
    try {
      expect(server.ready).toMatchObject({ role: "all", jobs: "running" });
      expect(server.ready.shared).toBeTruthy();

      // A command on the same directory goes through the running service instead of failing.
      const added = await runComptoir(
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
      expect(added.code, added.stderr).toBe(0);

      const registered = await runComptoir(
        ["webhooks", "register", "shop", "--public-url", server.ready.url],
        { env },
      );
      expect(registered.code, registered.stderr).toBe(0);
      expect(registered.json<{ registered: unknown[] }>().registered).toHaveLength(3);

      // A price change in the POS: the webhook reaches the service, its worker re-reads the product.
      const productId = 1;
      expect(sim.catalog.product(productId)).toBeDefined();
      sim.mutate.setPrice(productId, "77.70");
      await sim.webhooks.flush();
      expect(sim.webhooks.deliveries().map((d) => d.status)).toEqual([200]);
      let overview: Overview | undefined;
      while (overview?.lastSync?.kind !== "products") {
        const list = await runComptoir(["accounts", "list"], { env });
        expect(list.code, list.stderr).toBe(0);
        overview = list.json<Overview[]>()[0];
      }
      expect(overview.lastSync.outcome).toBe("succeeded");
    } finally {
      const { code, stderr } = await server.stop("SIGTERM");
      expect(code, stderr).toBe(0);
    }
    // Stopped: the directory is free again and opens directly.
    const list = await runComptoir(["accounts", "list"], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.json<Overview[]>().map((a) => a.name)).toEqual(["shop"]);
  });

  it("refuses --role with an unknown value", async () => {
    const run = await runComptoir(["serve", "--role", "cook"], { env: { LOG_LEVEL: "warn" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("web, worker, all");
  });
});
