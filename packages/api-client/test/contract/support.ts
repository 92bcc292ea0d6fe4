import { createSimulator, type Simulator, type SimulatorOptions } from "@comptoir/hiboutik-sim";
import {
  type CallRecord,
  createHiboutikClient,
  type FetchLike,
  type HiboutikClientOptions,
} from "../../src/index.ts";

/** Every contract test runs on the same simulated "today", so data and quota months are stable. */
export const NOW = new Date("2025-03-14T15:00:00Z");

export function simulator(options: SimulatorOptions = {}): Simulator {
  return createSimulator({ seed: 7, products: 600, now: () => NOW, ...options });
}

/**
 * A client talking to the simulator in-process. Sleeps are recorded and skipped (a fake clock),
 * so retry and Retry-After paths run instantly; `fetch` can be wrapped to add quirks.
 */
export function clientFor(
  sim: Simulator,
  overrides: Partial<HiboutikClientOptions> = {},
  wrap: (fetch: FetchLike) => FetchLike = (fetch) => fetch,
) {
  const sleeps: number[] = [];
  const calls: CallRecord[] = [];
  const simFetch: FetchLike = (input, init) => sim.fetch(input, init);
  const client = createHiboutikClient({
    account: sim.account.name,
    baseUrl: sim.baseUrl,
    fetch: wrap(simFetch),
    auth: { type: "basic", user: sim.credentials.user, apiKey: sim.credentials.apiKey },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => NOW.getTime(),
    onCall: (call) => calls.push(call),
    ...overrides,
  });
  return { client, sleeps, calls };
}

/** Rewrites JSON bodies (and headers) of successful responses, to replay quirks the simulator does not emit. */
export function rewriting(
  transform: (body: unknown, url: URL) => unknown,
  headers: (headers: Headers) => void = () => {},
): (fetch: FetchLike) => FetchLike {
  return (fetch) => async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok || !(response.headers.get("content-type") ?? "").includes("json")) {
      return response;
    }
    const copy = new Headers(response.headers);
    copy.delete("content-length");
    headers(copy);
    const body = transform(JSON.parse(await response.text()), new URL(input));
    return new Response(JSON.stringify(body), { status: response.status, headers: copy });
  };
}

/** Recursively maps every plain object of a JSON value. */
export function mapObjects(
  value: unknown,
  map: (record: Record<string, unknown>) => Record<string, unknown>,
): unknown {
  if (Array.isArray(value)) return value.map((item) => mapObjects(item, map));
  if (value !== null && typeof value === "object") {
    const mapped: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) mapped[key] = mapObjects(inner, map);
    return map(mapped);
  }
  return value;
}
