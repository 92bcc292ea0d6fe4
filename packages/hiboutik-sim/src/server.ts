import { Hono } from "hono";
import { listenOn } from "./listen.ts";
import { createSimulator } from "./simulator.ts";
import type { Simulator, SimulatorOptions } from "./types.ts";

export interface SimulatorServer {
  /** e.g. "http://127.0.0.1:4010". */
  readonly url: string;
  /** `${url}/api`: what `comptoir accounts add --api-url` takes. */
  readonly apiUrl: string;
  readonly credentials: { readonly user: string; readonly apiKey: string };
  readonly simulator: Simulator;
  close(): Promise<void>;
}

/**
 * A standalone simulator on 127.0.0.1 (port 0 = ephemeral). Absolute URLs in payloads (images,
 * logo) point at this server unless `publicBaseUrl` is given, so they can be downloaded.
 */
export async function startSimulatorServer(
  options: SimulatorOptions & { port?: number } = {},
): Promise<SimulatorServer> {
  const { port = 0, ...simOptions } = options;
  let simulator: Simulator | undefined;
  // The simulator is built once the port is known; until then (microseconds) answer 503.
  const front = new Hono();
  front.all("*", (c) => (simulator ? simulator.app.fetch(c.req.raw) : c.text("starting", 503)));
  const server = await listenOn(front, port);
  const sim = createSimulator({
    ...simOptions,
    publicBaseUrl: simOptions.publicBaseUrl ?? server.url,
  });
  simulator = sim;
  return {
    url: server.url,
    apiUrl: `${server.url}/api`,
    credentials: sim.credentials,
    simulator: sim,
    close: () => server.close(),
  };
}
