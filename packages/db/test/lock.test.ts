import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  DataDirectoryLockedError,
  describeCurrentCommand,
  lockPathFor,
  openDatabase,
  readLockHolder,
} from "../src/index.ts";
import { accounts } from "../src/schema/index.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const holderScript = fileURLToPath(new URL("./fixtures/hold-database.ts", import.meta.url));
const children: ChildProcess[] = [];

function tempDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "comptoir-lock-")), "pglite");
}

/** Starts a separate process that opens `dir` and holds it; resolves once it has written. */
async function startHolder(dir: string, accountName: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", holderScript, dir, accountName], {
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
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}: ${stderr}`)));
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

async function accountNames(dir: string): Promise<string[]> {
  const handle = await openDatabase(dir);
  try {
    return (await handle.db.select().from(accounts)).map((row) => row.name);
  } finally {
    await handle.close();
  }
}

describe("one process per embedded data directory", () => {
  it("refuses a second process with an error naming the holder, and loses nothing", async () => {
    const dir = tempDir();
    const holder = await startHolder(dir, "held-shop");

    const attempt = openDatabase(dir, { command: "comptoir db migrate" });
    await expect(attempt).rejects.toBeInstanceOf(DataDirectoryLockedError);
    const error = (await attempt.catch((e: unknown) => e)) as DataDirectoryLockedError;
    expect(error.holder?.pid).toBe(holder.pid);
    expect(error.message).toContain(`process ${holder.pid} (hold-database (test))`);
    expect(error.message).toContain("Stop that process");
    expect(error.message).toContain(lockPathFor(dir));

    // The refused attempt changed nothing: the holder stops cleanly and its data is intact.
    holder.kill("SIGTERM");
    await exited(holder);
    expect(holder.exitCode).toBe(0);
    expect(fs.existsSync(lockPathFor(dir))).toBe(false);
    expect(await accountNames(dir)).toEqual(["held-shop"]);
  });

  it("takes over the lock of a process that died without releasing it", async () => {
    const dir = tempDir();
    const holder = await startHolder(dir, "crashed-shop");
    holder.kill("SIGKILL");
    await exited(holder);
    expect(readLockHolder(lockPathFor(dir))?.pid).toBe(holder.pid);

    expect(await accountNames(dir)).toEqual(["crashed-shop"]);
    expect(fs.existsSync(lockPathFor(dir))).toBe(false);
  });

  it("refuses a second open inside the same process too", async () => {
    const dir = tempDir();
    const first = await openDatabase(dir);
    try {
      await expect(openDatabase(dir)).rejects.toBeInstanceOf(DataDirectoryLockedError);
    } finally {
      await first.close();
    }
    const again = await openDatabase(dir);
    await again.close();
  });

  it("never records command arguments, which may carry secrets", () => {
    expect(
      describeCurrentCommand([
        "node",
        "/x/comptoir",
        "accounts",
        "add",
        "shop",
        "--api-key",
        "s3cr3t",
      ]),
    ).toBe("comptoir accounts add shop");
  });
});
