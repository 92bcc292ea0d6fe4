import { ServerResponse } from "node:http";
import { pipeline, type Readable } from "node:stream";

/**
 * @hono/node-server replaces the global Response with a wrapper once a server starts, and it
 * honours `x-hono-already-sent` only on a native Response (2.1.11 writes the wrapper's
 * headers again, and fails). This module loads with the app, before any server starts, so it
 * captures the native class; the probe turns direct writes off if it did not.
 */
const NativeResponse = globalThis.Response;
const nativeCaptured = !Object.getOwnPropertySymbols(new NativeResponse(null)).some(
  (symbol) => symbol.description === "cache",
);

/** The Node response under @hono/node-server (its `c.env.outgoing`), or null elsewhere. */
export function nodeResponseOf(env: unknown): ServerResponse | null {
  const outgoing = (env as { outgoing?: unknown } | undefined)?.outgoing;
  return nativeCaptured && outgoing instanceof ServerResponse ? outgoing : null;
}

/**
 * Writes a feed answer straight to Node's response: headers as one plain object, the file
 * stream piped to the socket. This skips the WHATWG Response/Headers and web-stream layers,
 * which cost about a third of the 304 rate and of the download throughput (see
 * bench/feeds.ts); the caller then returns a Response marked `x-hono-already-sent`.
 * `onDone` gets the body bytes written and whether the body was sent whole.
 */
export function writeNodeResponse(
  outgoing: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Readable | null,
  onDone: (bytes: number, complete: boolean) => void,
): void {
  outgoing.writeHead(status, headers);
  if (body === null) {
    outgoing.end();
    onDone(0, true);
    return;
  }
  let bytes = 0;
  body.on("data", (chunk: Buffer) => {
    bytes += chunk.byteLength;
  });
  // pipeline closes the file when the client goes away, and ends the response otherwise.
  pipeline(body, outgoing, (error) => onDone(bytes, !error));
}

/** What the handler returns after `writeNodeResponse`: @hono/node-server then writes nothing. */
export function alreadySent(status: number): Response {
  return new NativeResponse(null, { status, headers: { "x-hono-already-sent": "1" } });
}
