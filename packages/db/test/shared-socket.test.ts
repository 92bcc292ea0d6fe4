import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, like } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import {
  DataDirectoryLockedError,
  openDatabase,
  sharedSocketExists,
  sharedSocketUrl,
} from "../src/index.ts";
import { accounts } from "../src/schema/index.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const children: ChildProcess[] = [];

function tempDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-share-")), "pglite");
}

async function start(script: string, dir: string, ...args: string[]): Promise<ChildProcess> {
  const file = fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", file, dir, ...args], {
    cwd: packageDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      if (String(chunk).includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}: ${stderr}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  await done;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("an embedded database shared by the process that holds it", () => {
  it("serves another process as a PostgreSQL client, one transaction at a time", async () => {
    const dir = tempDir();
    const holder = await start("share-database.ts", dir);
    expect(sharedSocketExists(dir)).toBe(true);

    const handle = await openDatabase(dir, { command: "test client" });
    try {
      expect(handle.description).toContain(`through process ${holder.pid}`);
      await handle.db
        .insert(accounts)
        .values({ name: "kept", hiboutikAccount: "s", authKind: "basic" });
      // A transaction that lasts a while and is rolled back: the holder's own writes wait for
      // it and are not swallowed by it.
      await handle.db
        .transaction(async (tx) => {
          await tx
            .insert(accounts)
            .values({ name: "mine", hiboutikAccount: "s", authKind: "basic" });
          const before = await tx.select().from(accounts).where(like(accounts.name, "tick-%"));
          await pause(300);
          const after = await tx.select().from(accounts).where(like(accounts.name, "tick-%"));
          expect(after.length).toBe(before.length);
          throw new Error("roll back");
        })
        .catch((error: Error) => expect(error.message).toBe("roll back"));
      const ticks = async () =>
        (await handle.db.select().from(accounts).where(like(accounts.name, "tick-%"))).length;
      const ticksThen = await ticks();
      await pause(200);
      const ticksNow = await ticks();
      expect(ticksNow).toBeGreaterThan(ticksThen);
      expect(await handle.db.select().from(accounts).where(eq(accounts.name, "mine"))).toEqual([]);

      // A client that leaves in the middle of a transaction: rolled back, and the holder goes on.
      const quitter = new pg.Client({ connectionString: sharedSocketUrl(dir) });
      await quitter.connect();
      await quitter.query("begin");
      await quitter.query(
        "insert into accounts (name, hiboutik_account, auth_kind) values ('abandoned', 's', 'basic')",
      );
      await quitter.end();
      const ticksBefore = await ticks();
      await pause(200);
      expect(await ticks()).toBeGreaterThan(ticksBefore);
      expect(await handle.db.select().from(accounts).where(eq(accounts.name, "abandoned"))).toEqual(
        [],
      );
    } finally {
      await handle.close();
    }
    await stop(holder);
    expect(sharedSocketExists(dir)).toBe(false);

    // Nothing corrupted: the directory opens on its own with every committed row.
    const direct = await openDatabase(dir);
    try {
      const names = (await direct.db.select().from(accounts)).map((row) => row.name);
      expect(names).toContain("kept");
      expect(names).not.toContain("mine");
      expect(names.some((name) => name.startsWith("tick-"))).toBe(true);
    } finally {
      await direct.close();
    }
  });

  it("still refuses with the lock error when the holder does not share", async () => {
    const dir = tempDir();
    await start("hold-database.ts", dir, "held");
    await expect(openDatabase(dir)).rejects.toBeInstanceOf(DataDirectoryLockedError);
  });
});
