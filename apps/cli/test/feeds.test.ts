import fs from "node:fs";
import path from "node:path";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { type CliRun, runComptoir, useTempDir } from "@comptoir/testing";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sim = createSimulator({ seed: 5, products: 40 });
let apiUrl = "";
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await sim.listen(0);
  apiUrl = `${server.url}/api`;
  close = server.close;
});
afterAll(() => close());

const LINK = "https://shop.example/p/{ref}?size={size}";

interface GenerateJson {
  feedId: string;
  outcome: string;
  items: number;
  generationId: string | null;
  liveGenerationId: string | null;
  reasons: { code: string; severity: string }[];
  url: string | null;
}

describe("comptoir feeds", () => {
  it("adds, generates with an exit code per outcome, audits, rolls back, rotates and removes", async () => {
    const dataDir = useTempDir();
    const env = {
      COMPTOIR_DATA_DIR: dataDir,
      COMPTOIR_PUBLIC_URL: "https://feeds.example",
      LOG_LEVEL: "warn",
    };
    const run = (args: string[], input?: string): Promise<CliRun> =>
      runComptoir(args, { env, input, timeoutMs: 120_000 });
    const expectCode = (result: CliRun, code: number) =>
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(code);

    expectCode(
      await run(
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
        sim.credentials.apiKey,
      ),
      0,
    );
    expectCode(await run(["sync", "shop", "--full"]), 0);

    // Bad settings: every field at once, exit 2, nothing saved.
    const bad = await run([
      "feeds",
      "add",
      "shop",
      "--channel",
      "csv",
      "--link-template",
      LINK,
      "--set",
      "currency=eur",
      "--set",
      "filters.priceMin=abc",
    ]);
    expectCode(bad, 2);
    expect(bad.stderr).toContain("currency: must be an ISO 4217 code");
    expect(bad.stderr).toContain("filters.priceMin: must be an amount");
    expectCode(await run(["feeds", "add", "shop", "--channel", "amazon"]), 2);
    expect((await run(["feeds", "list"])).json()).toEqual([]);

    const added = await run(["feeds", "add", "shop", "--channel", "csv", "--link-template", LINK]);
    expectCode(added, 0);
    const feed = added.json<{ id: string; file: string; url: string }>();
    expect(feed.file).toBe("csv.csv");
    expect(feed.url).toMatch(/^https:\/\/feeds\.example\/feeds\/[A-Za-z0-9_-]{40,}\/csv\.csv$/);

    // A dry run writes no file into the data directory's blobs.
    const dry = await run(["feeds", "generate", "shop/csv", "--dry-run"]);
    expectCode(dry, 0);
    expect(dry.json<GenerateJson>()).toMatchObject({ outcome: "dry-run", generationId: null });
    expect(fs.existsSync(path.join(dataDir, "blobs"))).toBe(false);

    // Published: exit 0; --out also writes the file, which a strict CSV parser reads.
    const out = path.join(dataDir, "out", "feed.csv");
    const first = await run(["feeds", "generate", "csv", "--out", out]);
    expectCode(first, 0);
    const published = first.json<GenerateJson>();
    expect(published).toMatchObject({ outcome: "published", url: feed.url });
    const rows: string[][] = parse(fs.readFileSync(out, "utf8"), { relax_column_count: false });
    expect(rows.length - 1).toBe(published.items);
    expect((await run(["feeds", "url", "csv"])).json()).toMatchObject({ url: feed.url });

    // A drop of about 10 %: published with warnings (exit 10).
    // Items per product, from the published file, to archive a chosen share of the feed.
    const perProduct = new Map<string, number>();
    const header = rows[0] ?? [];
    const productColumn = header.indexOf("product_id");
    for (const row of rows.slice(1)) {
      const id = row[productColumn] ?? "";
      perProduct.set(id, (perProduct.get(id) ?? 0) + 1);
    }
    const bySize = [...perProduct].sort((a, b) => a[1] - b[1] || Number(a[0]) - Number(b[0]));
    const archive = (share: number, total: number) => {
      let dropped = 0;
      while (dropped / total <= share) {
        const [id, count] = bySize.shift() ?? [];
        if (id === undefined || count === undefined) throw new Error("not enough products");
        sim.mutate.archiveProduct(Number(id));
        dropped += count;
      }
      return dropped;
    };
    const droppedFirst = archive(0.08, published.items);
    expect(droppedFirst / published.items).toBeLessThan(0.2);
    expectCode(await run(["sync", "shop", "--full"]), 0);
    const warned = await run(["feeds", "generate", "csv"]);
    expectCode(warned, 10);
    expect(warned.json<GenerateJson>().reasons.map((r) => r.code)).toContain("item-drop-warning");

    // Half the catalog gone: refused by the gate (exit 11); the live file stays.
    archive(0.55, published.items - droppedFirst);
    expectCode(await run(["sync", "shop", "--full"]), 0);
    const refused = await run(["feeds", "generate", "csv", "--no-json"]);
    expectCode(refused, 11);
    expect(refused.stdout).toContain("refused");
    expect(refused.stdout).toContain("the live file stays");
    const shown = (await run(["feeds", "show", "shop/csv"])).json<{
      live: { generationId: string };
      generations: { id: string }[];
    }>();
    expect(shown.live.generationId).toBe(warned.json<GenerateJson>().generationId);

    // The audit lists the drop against the live file and writes a CSV of exclusions.
    const csv = path.join(dataDir, "excluded.csv");
    const audit = await run(["feeds", "audit", "csv", "--csv", csv]);
    expectCode(audit, 0);
    expect(
      audit.json<{ diff: { items: { change: number } }; gate: { decision: string } }>(),
    ).toMatchObject({ gate: { decision: "refuse" } });
    expect(fs.readFileSync(csv, "utf8").split("\n")[0]).toBe(
      "product_id,item_id,store_code,title,kind,codes,reasons",
    );

    // A generation that cannot write its file fails (exit 12) and keeps the live one.
    fs.writeFileSync(path.join(dataDir, "blobs", "feeds", `${feed.id}-blocker`), "");
    fs.renameSync(
      path.join(dataDir, "blobs", "feeds", feed.id),
      path.join(dataDir, "blobs", "feeds", `${feed.id}-moved`),
    );
    fs.renameSync(
      path.join(dataDir, "blobs", "feeds", `${feed.id}-blocker`),
      path.join(dataDir, "blobs", "feeds", feed.id),
    );
    const failed = await run(["feeds", "generate", "csv"]);
    expectCode(failed, 12);
    expect(failed.json<GenerateJson>()).toMatchObject({
      outcome: "failed",
      liveGenerationId: shown.live.generationId,
    });
    fs.rmSync(path.join(dataDir, "blobs", "feeds", feed.id));
    fs.renameSync(
      path.join(dataDir, "blobs", "feeds", `${feed.id}-moved`),
      path.join(dataDir, "blobs", "feeds", feed.id),
    );

    // Rollback serves the first generation again.
    const back = await run(["feeds", "rollback", "csv"]);
    expectCode(back, 0);
    expect(back.json()).toMatchObject({ to: published.generationId });
    expectCode(await run(["feeds", "rollback", "csv"]), 1);

    const rotated = await run(["feeds", "rotate-url", "csv"]);
    expectCode(rotated, 0);
    const newUrl = rotated.json<{ url: string }>().url;
    expect(newUrl).not.toBe(feed.url);
    expect(newUrl).toMatch(/\/csv\.csv$/);

    const list = (await run(["feeds", "list"])).json<
      { name: string; lastRun: { outcome: string } }[]
    >();
    expect(list).toMatchObject([{ name: "csv", lastRun: { outcome: "failed" } }]);

    expectCode(await run(["feeds", "remove", "csv"]), 2); // no terminal to confirm on
    expectCode(await run(["feeds", "remove", "csv", "--yes"]), 0);
    expectCode(await run(["feeds", "show", "csv"]), 6);
    const left = fs
      .readdirSync(path.join(dataDir, "blobs"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile());
    expect(left).toEqual([]);
  }, 600_000);
});
