import type { Readable } from "node:stream";

/**
 * A web ReadableStream over a Node stream that counts the bytes handed to the HTTP layer and
 * reports once, when the body ends, fails or the client goes away (`complete` false). Node's
 * own `Readable.toWeb` cannot tell us either. Backpressure: the source is paused whenever the
 * web stream's queue is full and resumed when the consumer pulls.
 */
export function countedWebStream(
  source: Readable,
  onDone: (bytes: number, complete: boolean) => void,
): ReadableStream<Uint8Array> {
  let bytes = 0;
  let reported = false;
  const report = (complete: boolean) => {
    if (reported) return;
    reported = true;
    onDone(bytes, complete);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source.pause();
        source.on("data", (chunk: Buffer) => {
          bytes += chunk.byteLength;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.once("end", () => {
          controller.close();
          report(true);
        });
        source.once("error", (error) => {
          controller.error(error);
          report(false);
        });
      },
      pull() {
        source.resume();
      },
      cancel() {
        source.destroy();
        report(false);
      },
    },
    // Counted in chunks (64 KiB file reads): a few in flight keep the socket busy.
    { highWaterMark: 4 },
  );
}
