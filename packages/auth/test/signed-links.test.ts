import { describe, expect, it } from "vitest";
import { createKeyRing } from "../src/keyring.ts";
import {
  type LinkFailureReason,
  linkFailureStatus,
  signLink,
  verifyLink,
} from "../src/signed-links.ts";
import { flipChar, key, ring } from "./helpers.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const FEED_ID = "0b6f5c1e-8f3a-4c2d-9e7b-1a2b3c4d5e6f";

describe("signLink / verifyLink", () => {
  const r = ring(key("k1"));

  it("round-trips a never-expiring feed link, short and URL-safe", () => {
    const token = signLink(r, {
      purpose: "feed",
      subject: FEED_ID,
      expiresAt: "never",
      nonce: "1",
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(60);
    expect(token).toHaveLength(52);
    expect(verifyLink(r, token, { purpose: "feed", now: NOW })).toEqual({
      ok: true,
      purpose: "feed",
      subject: FEED_ID,
      expiresAt: "never",
      nonce: "1",
      keyId: "k1",
    });
  });

  it("round-trips any text subject and a missing nonce", () => {
    const token = signLink(r, { purpose: "feed", subject: "boutique-été/42", expiresAt: "never" });
    const result = verifyLink(r, token, { purpose: "feed", now: NOW });
    expect(result.ok && result.subject).toBe("boutique-été/42");
    expect(result.ok && result.nonce).toBeNull();
  });

  it("expires invoice links, and still reports which link expired", () => {
    const expiresAt = new Date("2026-03-08T12:00:00Z");
    const token = signLink(r, { purpose: "invoice", subject: "inv_123", expiresAt });
    expect(token.length).toBeLessThan(50);
    const valid = verifyLink(r, token, {
      purpose: "invoice",
      now: new Date("2026-03-08T11:59:59Z"),
    });
    expect(valid).toMatchObject({ ok: true, subject: "inv_123", expiresAt });
    expect(verifyLink(r, token, { purpose: "invoice", now: expiresAt })).toMatchObject({
      ok: false,
      reason: "expired",
      subject: "inv_123",
      expiresAt,
    });
  });

  it("truncates expiry to whole seconds", () => {
    const token = signLink(r, {
      purpose: "invoice",
      subject: "x",
      expiresAt: new Date("2026-03-08T12:00:00.900Z"),
    });
    const result = verifyLink(r, token, { purpose: "invoice", now: NOW });
    expect(result.ok && result.expiresAt).toEqual(new Date("2026-03-08T12:00:00Z"));
  });

  it("refuses a link used for another purpose", () => {
    const token = signLink(r, { purpose: "invoice", subject: "inv_1", expiresAt: "never" });
    expect(verifyLink(r, token, { purpose: "feed", now: NOW })).toEqual({
      ok: false,
      reason: "wrong-purpose",
    });
  });

  it("detects one changed character anywhere in the token", () => {
    const token = signLink(r, {
      purpose: "invoice",
      subject: FEED_ID,
      expiresAt: new Date("2026-04-01T00:00:00Z"),
      nonce: "7",
    });
    const allowed: LinkFailureReason[] = ["malformed", "bad-signature", "unknown-key"];
    for (let i = 0; i < token.length; i += 1) {
      const result = verifyLink(r, flipChar(token, i), { purpose: "invoice", now: NOW });
      expect(result.ok, `position ${i}`).toBe(false);
      if (!result.ok) expect(allowed, `position ${i}`).toContain(result.reason);
    }
  });

  it("reports bad-signature for any altered byte after the key id, even one that would change purpose or expiry", () => {
    const token = signLink(r, {
      purpose: "feed",
      subject: "feed-1",
      expiresAt: new Date("2026-03-02T00:00:00Z"),
      nonce: "3",
    });
    const bytes = Buffer.from(token, "base64url");
    const firstAfterKeyId = 2 + "k1".length;
    for (let i = firstAfterKeyId; i < bytes.length; i += 1) {
      for (const mask of [0x01, 0x02, 0x10, 0x80]) {
        const altered = Buffer.from(bytes);
        altered[i] = (altered[i] ?? 0) ^ mask;
        // Checked far past the expiry and with another purpose: a forgery must still be a forgery.
        const result = verifyLink(r, altered.toString("base64url"), {
          purpose: "invoice",
          now: new Date("2030-01-01T00:00:00Z"),
        });
        expect(result, `byte ${i} mask ${mask}`).toEqual({ ok: false, reason: "bad-signature" });
      }
    }
  });

  it("refuses tokens signed with another secret under the same key id", () => {
    const token = signLink(ring(key("k1")), { purpose: "feed", subject: "f", expiresAt: "never" });
    expect(verifyLink(r, token, { purpose: "feed", now: NOW })).toEqual({
      ok: false,
      reason: "bad-signature",
    });
  });

  it("reports unknown-key for a key id the ring does not hold", () => {
    const token = signLink(ring(key("k9")), { purpose: "feed", subject: "f", expiresAt: "never" });
    expect(verifyLink(r, token, { purpose: "feed", now: NOW })).toEqual({
      ok: false,
      reason: "unknown-key",
    });
  });

  it.each(["", "!!!", "AAAA", "a".repeat(30), `${"A".repeat(40)}=`])(
    "reports %j as malformed",
    (token) => {
      expect(verifyLink(r, token, { purpose: "feed", now: NOW })).toEqual({
        ok: false,
        reason: "malformed",
      });
    },
  );

  it("binds an out-of-band context into the signature", () => {
    const token = signLink(r, {
      purpose: "oauth-state",
      subject: "shop",
      expiresAt: "never",
      context: "A",
    });
    expect(verifyLink(r, token, { purpose: "oauth-state", now: NOW, context: "A" }).ok).toBe(true);
    for (const context of ["B", "", undefined]) {
      const options =
        context === undefined
          ? { purpose: "oauth-state" as const, now: NOW }
          : { purpose: "oauth-state" as const, now: NOW, context };
      expect(verifyLink(r, token, options)).toEqual({ ok: false, reason: "bad-signature" });
    }
  });

  it("revokes earlier URLs when the subject's nonce changes", () => {
    const storedNonce = { current: "1" };
    const issued = signLink(r, {
      purpose: "feed",
      subject: FEED_ID,
      expiresAt: "never",
      nonce: storedNonce.current,
    });
    storedNonce.current = "2"; // "revoke": the route compares the token's nonce with the stored one
    const result = verifyLink(r, issued, { purpose: "feed", now: NOW });
    expect(result.ok && result.nonce === storedNonce.current).toBe(false);
    const reissued = signLink(r, {
      purpose: "feed",
      subject: FEED_ID,
      expiresAt: "never",
      nonce: "2",
    });
    expect(reissued).not.toBe(issued);
    const fresh = verifyLink(r, reissued, { purpose: "feed", now: NOW });
    expect(fresh.ok && fresh.nonce === storedNonce.current).toBe(true);
  });

  it("keeps verifying links of an older key after rotation and signs with the new one", () => {
    const k1 = key("k1");
    const old = signLink(createKeyRing([k1]), {
      purpose: "feed",
      subject: "f",
      expiresAt: "never",
    });
    const rotated = createKeyRing([key("k2"), k1]);
    expect(verifyLink(rotated, old, { purpose: "feed", now: NOW })).toMatchObject({
      ok: true,
      keyId: "k1",
    });
    const fresh = signLink(rotated, { purpose: "feed", subject: "f", expiresAt: "never" });
    expect(verifyLink(rotated, fresh, { purpose: "feed", now: NOW })).toMatchObject({
      ok: true,
      keyId: "k2",
    });
  });

  it("refuses inputs it cannot encode", () => {
    expect(() => signLink(r, { purpose: "feed", subject: "", expiresAt: "never" })).toThrow(
      RangeError,
    );
    expect(() =>
      signLink(r, { purpose: "feed", subject: "x".repeat(256), expiresAt: "never" }),
    ).toThrow(RangeError);
    expect(() =>
      signLink(r, { purpose: "feed", subject: "x", expiresAt: "never", nonce: "" }),
    ).toThrow(RangeError);
    expect(() =>
      signLink(r, { purpose: "invoice", subject: "x", expiresAt: new Date(Number.NaN) }),
    ).toThrow(RangeError);
  });
});

describe("linkFailureStatus", () => {
  it("answers 410 only for expired links", () => {
    expect(linkFailureStatus("expired")).toBe(410);
    for (const reason of ["malformed", "bad-signature", "wrong-purpose", "unknown-key"] as const) {
      expect(linkFailureStatus(reason)).toBe(404);
    }
  });
});
