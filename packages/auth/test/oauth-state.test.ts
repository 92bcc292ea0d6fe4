import { describe, expect, it, vi } from "vitest";
import {
  consumeOAuthState,
  createBrowserBinding,
  createMemoryOneTimeStore,
  createOAuthState,
  describeOAuthStateFailure,
} from "../src/oauth/state.ts";
import { key, ring } from "./helpers.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("OAuth state", () => {
  const r = ring(key("k1"));
  const binding = createBrowserBinding();

  it("is alphanumeric, names the account, and works once", async () => {
    const store = createMemoryOneTimeStore(() => NOW);
    const { state, nonce, expiresAt } = createOAuthState(r, {
      account: "myshop",
      binding,
      now: NOW,
    });
    expect(state).toMatch(/^[0-9a-f]+$/);
    expect(expiresAt).toEqual(later(600));

    const first = await consumeOAuthState(r, state, {
      binding,
      now: later(30),
      markUsed: store.markUsed,
    });
    expect(first).toEqual({ ok: true, account: "myshop", nonce });

    const replay = await consumeOAuthState(r, state, {
      binding,
      now: later(31),
      markUsed: store.markUsed,
    });
    expect(replay).toEqual({ ok: false, reason: "replayed" });
  });

  it("expires after 10 minutes", async () => {
    const store = createMemoryOneTimeStore(() => NOW);
    const { state } = createOAuthState(r, { account: "myshop", binding, now: NOW });
    const input = { binding, markUsed: store.markUsed };
    expect(await consumeOAuthState(r, state, { ...input, now: later(600) })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(store.size()).toBe(0);
    expect((await consumeOAuthState(r, state, { ...input, now: later(599) })).ok).toBe(true);
  });

  it("refuses a state brought back by another browser", async () => {
    const markUsed = vi.fn(async () => true);
    const { state } = createOAuthState(r, { account: "myshop", binding, now: NOW });
    for (const other of [createBrowserBinding(), undefined, ""]) {
      expect(await consumeOAuthState(r, state, { binding: other, now: NOW, markUsed })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    // Refused before the one-time store: forged states cannot fill it.
    expect(markUsed).not.toHaveBeenCalled();
  });

  it("refuses tampered, foreign and malformed states without touching the store", async () => {
    const markUsed = vi.fn(async () => true);
    const { state } = createOAuthState(r, { account: "myshop", binding, now: NOW });
    const last = state.at(-1) === "0" ? "1" : "0";
    const foreign = createOAuthState(ring(key("k1")), {
      account: "myshop",
      binding,
      now: NOW,
    }).state;
    for (const bad of [
      `${state.slice(0, -1)}${last}`,
      foreign,
      "",
      "zz",
      `${state}0`,
      state.toUpperCase(),
    ]) {
      expect(await consumeOAuthState(r, bad, { binding, now: NOW, markUsed })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(markUsed).not.toHaveBeenCalled();
  });

  it("hands the store the nonce and when it can be forgotten", async () => {
    const markUsed = vi.fn(async () => true);
    const { state, nonce, expiresAt } = createOAuthState(r, {
      account: "myshop",
      binding,
      now: NOW,
    });
    await consumeOAuthState(r, state, { binding, now: NOW, markUsed });
    expect(markUsed).toHaveBeenCalledWith(nonce, expiresAt);
  });

  it("validates its inputs", () => {
    expect(() => createOAuthState(r, { account: "evil.com/x", binding, now: NOW })).toThrow(
      /subdomain/,
    );
    expect(() => createOAuthState(r, { account: "myshop", binding: "short", now: NOW })).toThrow(
      /binding/,
    );
  });

  it("explains each failure to the shop owner", () => {
    expect(describeOAuthStateFailure("expired")).toContain("10 minutes");
    expect(describeOAuthStateFailure("invalid")).toContain("same browser");
    expect(describeOAuthStateFailure("replayed")).toContain("already used");
  });
});

describe("createMemoryOneTimeStore", () => {
  it("remembers nonces until they expire", async () => {
    let now = NOW;
    const store = createMemoryOneTimeStore(() => now);
    expect(await store.markUsed("a", later(10))).toBe(true);
    expect(await store.markUsed("a", later(10))).toBe(false);
    expect(await store.markUsed("b", later(20))).toBe(true);
    now = later(15);
    expect(await store.markUsed("c", later(30))).toBe(true);
    expect(store.size()).toBe(2);
  });
});
