import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/**
 * One embedded data directory, several programs. PGlite allows one process per directory, so the
 * process that holds it (`comptoir serve`) can share it over a Unix socket that speaks the
 * PostgreSQL wire protocol; another `comptoir` command then connects to it as a PostgreSQL
 * client (see `openDatabase`) instead of failing on the lock.
 *
 * PGlite is a single session, so connections take turns: a connection holds PGlite's
 * transaction lock from its first message until the session is idle again at a Sync or Query
 * boundary. In-process queries and transactions take the same lock, so nobody runs inside
 * someone else's transaction or between someone else's Parse and Sync. A connection left idle
 * inside a transaction is rolled back and closed after `idleInTransactionMs`, and so is one that
 * disconnects mid-transaction.
 *
 * Only the owner of the data directory can connect: the socket lives in a 0700 directory.
 */

/** The file name node-postgres (libpq) expects in a socket directory, for port 5432. */
const SOCKET_FILE = ".s.PGSQL.5432";
/** Unix socket paths are limited to about 107 bytes. */
const MAX_SOCKET_PATH = 100;

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

/** Where the socket of a data directory lives: next to it, or in the temp dir for long paths. */
export function sharedSocketDirectory(dataDir: string): string {
  const beside = `${path.resolve(dataDir)}.run`;
  if (path.join(beside, SOCKET_FILE).length <= MAX_SOCKET_PATH) return beside;
  const digest = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `comptoir-${digest}`);
}

/** A node-postgres URL for the shared socket of `dataDir` (PGlite's user and database). */
export function sharedSocketUrl(dataDir: string): string {
  return `postgres://postgres@localhost/postgres?host=${encodeURIComponent(sharedSocketDirectory(dataDir))}`;
}

export function sharedSocketExists(dataDir: string): boolean {
  try {
    return fs.statSync(path.join(sharedSocketDirectory(dataDir), SOCKET_FILE)).isSocket();
  } catch {
    return false;
  }
}

export interface SharedSocket {
  readonly directory: string;
  close(): Promise<void>;
}

/** `Q` message: a simple query (used to roll back an abandoned transaction). */
function simpleQuery(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, "utf8");
  const message = Buffer.alloc(5 + body.length);
  message.write("Q", 0, "ascii");
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

export async function shareOverSocket(
  client: PGlite,
  dataDir: string,
  options: { idleInTransactionMs?: number } = {},
): Promise<SharedSocket> {
  const directory = sharedSocketDirectory(dataDir);
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  fs.chmodSync(directory, 0o700);
  const socketPath = path.join(directory, SOCKET_FILE);
  // A socket file left by a process that died: we hold the data directory lock, so it is stale.
  fs.rmSync(socketPath, { force: true });
  // Generous: a sync waits for Hiboutik pages (and their retries) inside its transaction.
  const idleInTransactionMs = options.idleInTransactionMs ?? 5 * 60_000;
  const connections = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    connections.add(socket);
    let buffer = Buffer.alloc(0);
    let started = false;
    let release: (() => void) | undefined;
    let idleTimer: NodeJS.Timeout | undefined;
    let work: Promise<void> = Promise.resolve();
    let closed = false;

    /** Waits for PGlite's transaction lock and keeps it until `release()`. */
    const lease = () =>
      new Promise<void>((acquired) => {
        void client._runExclusiveTransaction(
          () =>
            new Promise<void>((done) => {
              release = () => {
                release = undefined;
                done();
              };
              acquired();
            }),
        );
      });

    const run = (message: Uint8Array) =>
      client._runExclusiveQuery(() => client.execProtocolRaw(message, { syncToFs: true }));

    const abandon = async () => {
      if (idleTimer) clearTimeout(idleTimer);
      if (!release) return;
      if (client.isInTransaction()) await run(simpleQuery("ROLLBACK")).catch(() => undefined);
      release?.();
    };

    const process = async () => {
      while (!closed) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
            socket.write("N");
            buffer = buffer.subarray(8);
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.destroy();
            return;
          }
          if (code !== PROTOCOL_3 || length > 10_000) {
            socket.destroy();
            return;
          }
          if (buffer.length < length) return;
          const startup = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          await lease();
          try {
            socket.write(await run(startup));
          } finally {
            release?.();
          }
          started = true;
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0] ?? 0);
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) return;
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        if (type === "X") {
          socket.end();
          return;
        }
        if (idleTimer) clearTimeout(idleTimer);
        if (!release) await lease();
        const reply = await run(message);
        if (reply.length > 0) socket.write(reply);
        // The end of a batch: let others in unless this connection is inside a transaction.
        if (type === "S" || type === "Q") {
          if (!client.isInTransaction()) release?.();
          else {
            idleTimer = setTimeout(() => {
              void abandon().then(() => socket.destroy());
            }, idleInTransactionMs);
          }
        }
      }
    };

    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      work = work.then(process).catch(() => {
        socket.destroy();
      });
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      closed = true;
      connections.delete(socket);
      work = work.then(abandon);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  fs.chmodSync(socketPath, 0o600);

  return {
    directory,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of connections) socket.destroy();
      });
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
