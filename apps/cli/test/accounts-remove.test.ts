import fs from "node:fs";
import path from "node:path";
import { createSimulator } from "@comptoir/hiboutik-sim";
import { runComptoir, useTempDir } from "@comptoir/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sim = createSimulator({ seed: 8, products: 30 });
let apiUrl = "";
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = await sim.listen(0);
  apiUrl = `${server.url}/api`;
  close = server.close;
});
afterAll(() => close());

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("comptoir accounts remove", () => {
  it("deletes the removed account's published feed files, and only those", async () => {
    const dataDir = useTempDir();
    const env = { COMPTOIR_DATA_DIR: dataDir, LOG_LEVEL: "warn" };
    const run = (args: string[], input?: string) => runComptoir(args, { env, input });
    const blobs = path.join(dataDir, "blobs");
    for (const name of ["gone", "kept"]) {
      const added = await run(
        [
          ...["accounts", "add", name, "--hiboutik-account", "demo-shop", "--api-url", apiUrl],
          ...["--user", sim.credentials.user, "--api-key", "-"],
        ],
        sim.credentials.apiKey,
      );
      expect(added.code, added.stderr).toBe(0);
      expect((await run(["sync", name, "--details", "none"])).code).toBe(0);
      const feed = await run([
        ...["feeds", "add", name, "--channel", "csv"],
        ...["--link-template", "https://shop.example/p/{ref}?size={size}"],
      ]);
      expect(feed.code, feed.stderr).toBe(0);
      const generated = await run(["feeds", "generate", `${name}/csv`]);
      expect(generated.code, generated.stderr).toBe(0);
    }
    const feedId = async (name: string) =>
      (await run(["feeds", "show", `${name}/csv`])).json<{ id: string }>().id;
    const [gone, kept] = [await feedId("gone"), await feedId("kept")];
    const before = filesUnder(blobs);
    expect(before.some((file) => file.includes(gone))).toBe(true);
    expect(before.some((file) => file.includes(kept))).toBe(true);

    const removed = await run(["accounts", "remove", "gone", "--yes"]);
    expect(removed.code, removed.stderr).toBe(0);
    const { feedFilesDeleted } = removed.json<{ feedFilesDeleted: number }>();
    const after = filesUnder(blobs);
    expect(after.some((file) => file.includes(gone))).toBe(false);
    expect(after).toEqual(before.filter((file) => !file.includes(gone)));
    // Counted per stored blob (the local store may keep a file of metadata beside each).
    expect(feedFilesDeleted).toBeGreaterThan(0);
    expect(feedFilesDeleted).toBeLessThanOrEqual(before.length - after.length);

    // Nothing left to delete: a second removal deletes no other account's files.
    const text = await run(["accounts", "remove", "kept", "--yes", "--no-json"]);
    expect(text.stdout).toMatch(/Account "kept" removed \(\d+ feed file\(s\) deleted\)\./);
    expect(filesUnder(blobs)).toEqual([]);
  });
});
