import { Hono } from "hono";
import {
  type CallRecord,
  createHiboutikClient,
  type FetchLike,
  type HiboutikClientOptions,
} from "../../src/index.ts";

export const BASE = "https://myshop.hiboutik.com/api";
export const CREDENTIALS = { user: "owner@example.fr", apiKey: "SECRETKEY123" } as const;

/**
 * A hand-written fake POS: a Hono app mounted on /api whose handlers each test writes.
 * Every request is recorded so tests can assert what the client sent.
 */
export function fakeHiboutik(setup: (app: Hono) => void) {
  const root = new Hono();
  const requests: {
    method: string;
    path: string;
    query: string;
    headers: Headers;
    body: string;
  }[] = [];
  root.use(async (c, next) => {
    const url = new URL(c.req.url);
    requests.push({
      method: c.req.method,
      path: url.pathname.replace(/^\/api/, ""),
      query: url.search,
      headers: c.req.raw.headers,
      body: c.req.method === "GET" ? "" : await c.req.raw.clone().text(),
    });
    await next();
  });
  const api = new Hono();
  setup(api);
  root.route("/api", api);
  const fetch: FetchLike = async (input, init) => root.request(input, init);
  return { fetch, requests };
}

/** A client wired to `fetch` with time injected: sleeps are recorded, never waited. */
export function testClient(fetch: FetchLike, overrides: Partial<HiboutikClientOptions> = {}) {
  const sleeps: number[] = [];
  const calls: CallRecord[] = [];
  const client = createHiboutikClient({
    account: "myshop",
    auth: { type: "basic", ...CREDENTIALS },
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => Date.parse("2025-03-14T12:00:00Z"),
    onCall: (call) => calls.push(call),
    ...overrides,
  });
  return { client, sleeps, calls };
}

/** The one-element array Hiboutik wraps single records in. */
export function one<T>(record: T): T[] {
  return [record];
}
