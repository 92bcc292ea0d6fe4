import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const keyFileModule = pathToFileURL(
  path.join(path.dirname(fileURLToPath(import.meta.url)), "../src/key-file.ts"),
).href;

// tsx is the workspace's TypeScript runner (a root dev dependency); resolve it from here.
let tsxLoader: string | undefined;
try {
  tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
} catch {
  tsxLoader = undefined;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "comptoir-auth-procs-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(tsxLoader !== undefined)("embedded key ring across processes", () => {
  it("gives every process starting at once the same single key", async () => {
    const script = `
      const { loadOrCreateEmbeddedKeyRing } = await import(${JSON.stringify(keyFileModule)});
      const { keys, created } = await loadOrCreateEmbeddedKeyRing(process.argv[1]);
      console.log(JSON.stringify({ key: keys[0].key.toString("base64"), created }));
    `;
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () =>
        run(process.execPath, [
          "--import",
          String(tsxLoader),
          "--input-type=module",
          "-e",
          script,
          dir,
        ]),
      ),
    );
    const results = outputs.map(
      ({ stdout }) => JSON.parse(stdout) as { key: string; created: boolean },
    );
    expect(new Set(results.map((r) => r.key)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await readdir(dir)).toEqual(["secret-keys"]);
  });
});
