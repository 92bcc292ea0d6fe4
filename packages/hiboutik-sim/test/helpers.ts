import { createSimulator, type Simulator, type SimulatorOptions } from "../src/index.ts";

/** A fixed clock: 15 March 2025, 11:00 in Paris. */
export const FIXED_NOW = new Date("2025-03-15T10:00:00Z");

export function fixedClock(start = FIXED_NOW) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

export function simulator(options: SimulatorOptions = {}): Simulator {
  return createSimulator({ now: () => FIXED_NOW, products: 600, ...options });
}

export function basicHeader(user: string, apiKey: string): string {
  return `Basic ${Buffer.from(`${user}:${apiKey}`).toString("base64")}`;
}

/** GET with the simulator's default Basic credentials. */
export function get(
  sim: Simulator,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return sim.fetch(`${sim.baseUrl}${path}`, {
    headers: {
      authorization: basicHeader(sim.credentials.user, sim.credentials.apiKey),
      accept: "application/json",
      ...headers,
    },
  });
}

export async function getJson<T = unknown>(sim: Simulator, path: string): Promise<T> {
  const response = await get(sim, path);
  if (response.status !== 200) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

export type Row = Record<string, unknown>;

/** An array field of a wire record (empty when absent). */
export function list(value: unknown): Row[] {
  return Array.isArray(value) ? (value as Row[]) : [];
}

/** The first product (detail form) that matches, or a thrown error naming what was sought. */
export function findProduct(
  sim: Simulator,
  what: string,
  predicate: (product: Row) => boolean,
): Row {
  for (let id = 1; id <= sim.catalog.productCount; id++) {
    const product = sim.catalog.product(id);
    if (product && predicate(product)) return product;
  }
  throw new Error(`No product is ${what}`);
}
