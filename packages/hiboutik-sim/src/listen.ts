import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import type { ListeningServer } from "./types.ts";

/** Serves a fetch handler on 127.0.0.1 (port 0 = ephemeral) with @hono/node-server. */
export function listenOn(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  port: number,
): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      // Do not swap the process's global Request/Response: the host may be a test runner.
      {
        fetch: (request) => app.fetch(request),
        port,
        hostname: "127.0.0.1",
        overrideGlobalObjects: false,
      },
      (info) => {
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              (server as Server).closeAllConnections?.();
            }),
        });
      },
    );
    server.once("error", reject);
  });
}
