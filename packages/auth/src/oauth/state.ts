import { randomBytes } from "node:crypto";
import type { KeyRing } from "../keyring.ts";
import { signLink, verifyLink } from "../signed-links.ts";
import { assertHiboutikAccount } from "./hiboutik-oauth.ts";

/**
 * The OAuth `state`: a signed token naming the account, expiring after 10 minutes, bound to the
 * browser that started the flow (the hash of a cookie value enters the signature but not the
 * token), and usable once (its nonce goes through an injected one-time store).
 *
 * Written in hex: Hiboutik's own client sends a hex state, so an alphanumeric value is the safe
 * choice for a parameter Hiboutik has to echo back untouched.
 */
export const OAUTH_STATE_TTL_SECONDS = 600;

/** Remembers used nonces; the lead backs this with a table, tests with memory. */
export interface OneTimeStore {
  /**
   * Records the nonce as used. Resolves false if it was already used. `expiresAt` says when the
   * record may be purged (the state is worthless after it anyway).
   */
  markUsed(nonce: string, expiresAt: Date): Promise<boolean>;
}

export interface CreatedOAuthState {
  readonly state: string;
  readonly nonce: string;
  readonly expiresAt: Date;
}

export type ConsumeOAuthStateResult =
  | { readonly ok: true; readonly account: string; readonly nonce: string }
  | { readonly ok: false; readonly reason: "invalid" | "expired" | "replayed" };

/** A random value for the browser-binding cookie (HttpOnly, SameSite=Lax, short-lived). */
export function createBrowserBinding(): string {
  return randomBytes(32).toString("base64url");
}

export function createOAuthState(
  ring: KeyRing,
  input: {
    readonly account: string;
    readonly binding: string;
    readonly now: Date;
    readonly ttlSeconds?: number;
  },
): CreatedOAuthState {
  assertHiboutikAccount(input.account);
  assertBinding(input.binding);
  const nonce = randomBytes(16).toString("base64url");
  const ttl = input.ttlSeconds ?? OAUTH_STATE_TTL_SECONDS;
  // Whole seconds, as in the token, so `expiresAt` here matches what verification sees.
  const expiresAt = new Date((Math.floor(input.now.getTime() / 1000) + ttl) * 1000);
  const token = signLink(ring, {
    purpose: "oauth-state",
    subject: input.account,
    expiresAt,
    nonce,
    context: bindingContext(input.binding),
  });
  return { state: Buffer.from(token, "base64url").toString("hex"), nonce, expiresAt };
}

/**
 * Checks a state from the callback. The one-time store is consulted last, only for an authentic,
 * unexpired state of this browser, so forged states cannot fill it.
 */
export async function consumeOAuthState(
  ring: KeyRing,
  state: string,
  input: {
    readonly binding: string | undefined;
    readonly now: Date;
    readonly markUsed: OneTimeStore["markUsed"];
  },
): Promise<ConsumeOAuthStateResult> {
  if (!input.binding || !/^(?:[0-9a-f]{2})+$/.test(state)) return { ok: false, reason: "invalid" };
  const token = Buffer.from(state, "hex").toString("base64url");
  const result = verifyLink(ring, token, {
    purpose: "oauth-state",
    now: input.now,
    context: bindingContext(input.binding),
  });
  if (!result.ok) return { ok: false, reason: result.reason === "expired" ? "expired" : "invalid" };
  if (result.nonce === null || result.expiresAt === "never")
    return { ok: false, reason: "invalid" };
  const firstUse = await input.markUsed(result.nonce, result.expiresAt);
  if (!firstUse) return { ok: false, reason: "replayed" };
  return { ok: true, account: result.subject, nonce: result.nonce };
}

/** A sentence for the shop owner when the callback's state is refused. */
export function describeOAuthStateFailure(reason: "invalid" | "expired" | "replayed"): string {
  switch (reason) {
    case "invalid":
      return "This connection request is not valid in this browser. Start the connection again from Comptoir, in the same browser.";
    case "expired":
      return `The connection took longer than ${OAUTH_STATE_TTL_SECONDS / 60} minutes. Start it again from Comptoir.`;
    case "replayed":
      return "This connection request was already used. Start the connection again from Comptoir.";
  }
}

/** In-memory one-time store for tests and single-process use. */
export function createMemoryOneTimeStore(clock: () => Date = () => new Date()): OneTimeStore & {
  readonly size: () => number;
} {
  const used = new Map<string, number>();
  return {
    size: () => used.size,
    async markUsed(nonce, expiresAt) {
      const now = clock().getTime();
      for (const [key, until] of used) if (until <= now) used.delete(key);
      if (used.has(nonce)) return false;
      used.set(nonce, expiresAt.getTime());
      return true;
    },
  };
}

function assertBinding(binding: string): void {
  if (binding.length < 16) {
    throw new RangeError("The browser binding must be a random value of at least 16 characters.");
  }
}

function bindingContext(binding: string): string {
  return `oauth-binding:${binding}`;
}
