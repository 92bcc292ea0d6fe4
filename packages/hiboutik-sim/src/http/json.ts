import type { WireRecord } from "../wire/context.ts";

const encoder = new TextEncoder();

/**
 * Bodies are handed over as bytes: a string body makes undici re-scan it for lone surrogates,
 * which costs more than the serialization itself on 400 kB product pages.
 */
export function jsonResponse(
  data: unknown,
  headers: Readonly<Record<string, string>> = {},
  status = 200,
): Response {
  return new Response(Buffer.from(JSON.stringify(data)), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/**
 * A JSON array streamed in chunks, for the unpaginated endpoints (`/stock_available/...`)
 * that can return millions of rows: rows are generated as the client reads.
 */
export function streamJsonArray(rows: Iterable<WireRecord>, batch = 500): Response {
  const iterator = rows[Symbol.iterator]();
  let first = true;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (done) return;
      let chunk = first ? "[" : "";
      for (let i = 0; i < batch; i++) {
        const next = iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        chunk += (first ? "" : ",") + JSON.stringify(next.value);
        first = false;
      }
      if (first) {
        chunk = "[";
        first = false;
      }
      if (done) chunk += "]";
      controller.enqueue(encoder.encode(chunk));
      if (done) controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "application/json" } });
}
