import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import {
  createKeyRing,
  formatKeyRing,
  generateKey,
  type KeyRing,
  KeyRingError,
  parseKeyRing,
  type SecretKey,
} from "./keyring.ts";

/** File name of the embedded key ring inside the data directory. */
export const EMBEDDED_KEY_FILE = "secret-keys";

const FILE_HEADER = [
  "# Comptoir key ring: KEY_ID:BASE64 entries, the first one encrypts and signs.",
  "# Keep this file secret and backed up: without it stored credentials cannot be decrypted",
  "# and every signed feed or invoice URL stops working.",
].join("\n");

const LINK_UNSUPPORTED = ["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"];

// POSIX permission bits mean nothing on Windows, where the check would always fail.
const CHECK_PERMISSIONS = process.platform !== "win32";

/** Reads a key ring file, refusing one that other users could read. */
export async function loadKeyRingFile(filePath: string): Promise<SecretKey[]> {
  const info = await stat(filePath);
  if (!info.isFile()) throw new KeyRingError(`${filePath} is not a regular file.`);
  if (CHECK_PERMISSIONS && (info.mode & 0o077) !== 0) {
    throw new KeyRingError(
      `${filePath} is readable or writable by other users (mode ${(info.mode & 0o777).toString(8)}). It holds the secret keys; restrict it with: chmod 600 ${filePath}`,
    );
  }
  return parseKeyRing(await readFile(filePath, "utf8"), filePath);
}

/**
 * Creates a key ring file holding one new random key, only if no file exists yet.
 * Returns `created: false` with the keys already there when another process got there first.
 *
 * The keys are written to a private temporary file which is then hard-linked into place:
 * `link` fails atomically when the target exists (like O_EXCL), and the file becomes visible
 * only once complete, so a concurrent reader never sees a half-written key.
 */
export async function generateKeyRingFile(
  filePath: string,
): Promise<{ keys: SecretKey[]; created: boolean }> {
  const keys = [generateKey()];
  const temporary = `${filePath}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const content = `${FILE_HEADER}\n${formatKeyRing(keys)}\n`;
  try {
    await writePrivateFile(temporary, content);
    try {
      await link(temporary, filePath);
    } catch (error) {
      // Some mounted filesystems have no hard links: fall back to creating the file with O_EXCL.
      if (!LINK_UNSUPPORTED.some((code) => isErrno(error, code))) throw error;
      await writePrivateFile(filePath, content);
    }
    return { keys, created: true };
  } catch (error) {
    if (isErrno(error, "EEXIST")) return { keys: await loadKeyRingFile(filePath), created: false };
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** Replaces a key ring file atomically (for rotation), keeping it owner-only. */
export async function saveKeyRingFile(filePath: string, keys: readonly SecretKey[]): Promise<void> {
  const temporary = `${filePath}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writePrivateFile(temporary, `${FILE_HEADER}\n${formatKeyRing(keys)}\n`);
    await rename(temporary, filePath);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export interface EmbeddedKeyRing {
  readonly ring: KeyRing;
  readonly keys: readonly SecretKey[];
  readonly filePath: string;
  /** True when this call generated the key (first run). */
  readonly created: boolean;
}

/**
 * Embedded mode (no COMPTOIR_SECRET_KEYS): uses `${dataDir}/secret-keys`, generating one random
 * key on first run. Safe to call from several processes at once: they all end up with the same key.
 */
export async function loadOrCreateEmbeddedKeyRing(dataDir: string): Promise<EmbeddedKeyRing> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const filePath = path.join(dataDir, EMBEDDED_KEY_FILE);
  try {
    const keys = await loadKeyRingFile(filePath);
    return { ring: createKeyRing(keys), keys, filePath, created: false };
  } catch (error) {
    if (!isErrno(error, "ENOENT")) throw error;
  }
  const { keys, created } = await generateKeyRingFile(filePath);
  return { ring: createKeyRing(keys), keys, filePath, created };
}

async function writePrivateFile(filePath: string, content: string): Promise<void> {
  // "wx" = O_CREAT | O_EXCL: never reuse a file someone else prepared. Mode 0600 from the start,
  // so the key is never readable by others, not even briefly.
  const handle = await open(filePath, "wx", 0o600);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
