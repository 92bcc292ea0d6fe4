import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { App } from "./app.ts";
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
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              // Idle keep-alive sockets would otherwise hold the close open.
              if ("closeIdleConnections" in server) server.closeIdleConnections();
            }).then(() => closeApp(app)),
        });
      },
    );
    server.once("error", reject);
  });
}
