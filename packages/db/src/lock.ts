import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite has no lock of its own: two processes on one data directory each see only their own
 * writes and the directory ends up corrupted (checked, see docs/architecture.md B1). So the
 * embedded database is guarded by a lock file naming its holder.
 *
 * The lock file is created atomically with `link(2)` from a fully written temporary file, so a
 * reader never sees a half-written holder. A lock whose holder process is gone (crash, kill -9)
 * is taken over automatically.
 */
export interface LockHolder {
  readonly pid: number;
  readonly command: string;
  readonly hostname: string;
  readonly startedAt: string;
}

export class DataDirectoryLockedError extends Error {
  readonly code = "DATA_DIRECTORY_LOCKED";
  readonly holder: LockHolder | undefined;
  readonly lockPath: string;

  constructor(directory: string, lockPath: string, holder: LockHolder | undefined) {
    const who = holder
      ? `process ${holder.pid} (${holder.command}) on ${holder.hostname}, since ${holder.startedAt}`
      : "another process (its lock file is unreadable)";
    super(
      `The embedded database at ${directory} is in use by ${who}. ` +
        "Only one process may open it at a time. Stop that process (or run this command through it), " +
        "or point DATABASE_URL at a PostgreSQL server to run several processes. " +
        `If you are sure no such process is running, delete ${lockPath}.`,
    );
    this.name = "DataDirectoryLockedError";
    this.holder = holder;
    this.lockPath = lockPath;
  }
}

export interface DataDirectoryLock {
  readonly path: string;
  readonly holder: LockHolder;
  release(): void;
}

export function lockPathFor(directory: string): string {
  return `${path.resolve(directory)}.lock`;
}

export function readLockHolder(lockPath: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number" || typeof parsed.hostname !== "string") return undefined;
    return {
      pid: parsed.pid,
      command: String(parsed.command ?? "unknown command"),
      hostname: parsed.hostname,
      startedAt: String(parsed.startedAt ?? "unknown time"),
    };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(holder: LockHolder | undefined): holder is LockHolder {
  return holder !== undefined && holder.hostname === os.hostname() && !isAlive(holder.pid);
}

/** Atomically moves a stale lock out of the way; false if someone else changed it meanwhile. */
function removeStaleLock(lockPath: string, seen: LockHolder): boolean {
  const aside = `${lockPath}.stale-${randomBytes(4).toString("hex")}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return false;
  }
  const moved = readLockHolder(aside);
  if (moved?.pid === seen.pid && moved.startedAt === seen.startedAt) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  // We moved a lock that a live process had just taken: put it back.
  try {
    fs.linkSync(aside, lockPath);
  } catch {
    // Someone else holds a fresh lock now; either way the directory stays guarded.
  }
  fs.rmSync(aside, { force: true });
  return false;
}

export function acquireDataDirectoryLock(
  directory: string,
  command: string = describeCurrentCommand(),
): DataDirectoryLock {
  const lockPath = lockPathFor(directory);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const holder: LockHolder = {
    pid: process.pid,
    command,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  const draft = `${lockPath}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(draft, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(draft, lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const current = readLockHolder(lockPath);
        if (attempt < 3 && isStale(current) && removeStaleLock(lockPath, current)) continue;
        throw new DataDirectoryLockedError(path.resolve(directory), lockPath, current);
      }
    }
  } finally {
    fs.rmSync(draft, { force: true });
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    const current = readLockHolder(lockPath);
    if (current?.pid === holder.pid && current.startedAt === holder.startedAt) {
      fs.rmSync(lockPath, { force: true });
    }
  };
  process.on("exit", release);
  return { path: lockPath, holder, release };
}

/** Program name and sub-command words only: arguments can carry secrets (`--api-key …`). */
export function describeCurrentCommand(argv: readonly string[] = process.argv): string {
  const script = argv[1] ? path.basename(argv[1]) : "node";
  const words: string[] = [];
  for (const word of argv.slice(2, 5)) {
    if (!/^[a-z][a-z0-9-]*$/.test(word)) break;
    words.push(word);
  }
  return [script, ...words].join(" ");
}
