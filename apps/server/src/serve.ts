import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { App } from "./app.ts";
import { type FeedFastPath, feedFastPathOf } from "./feeds/fast-path.ts";
import { closeApp } from "./lifecycle.ts";

export interface RunningServer {
  readonly url: string;
  /** Stops accepting connections and resolves once in-flight requests have finished. */
  close(): Promise<void>;
}

/** Listens on `hostname:port` (port 0 = any free port) with Node's HTTP server. */
export function startServer(
  app: App,
  options: { port: number; hostname?: string },
): Promise<RunningServer> {
  const hostname = options.hostname ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = createServer(
      withFeedFastPath(feedFastPathOf(app), getRequestListener(app.fetch, { hostname })),
    );
    server.listen(options.port, hostname, () => {
      const info = server.address() as AddressInfo;
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Idle keep-alive sockets would otherwise hold the close open.
            server.closeIdleConnections();
          }).then(() => closeApp(app)),
      });
    });
    server.once("error", reject);
  });
}

/** Successful feed fetches first (see feeds/fast-path.ts), everything else through Hono. */
function withFeedFastPath(
  fastPath: FeedFastPath | undefined,
  hono: RequestListener,
): RequestListener {
  if (!fastPath) return hono;
  return (req, res) => {
    fastPath.handle(req, res).then(
      (answered) => {
        if (!answered) hono(req, res);
      },
      // A failed lookup (database down): the app answers it with the error contract.
      () => {
        if (!res.headersSent) hono(req, res);
      },
    );
  };
}
