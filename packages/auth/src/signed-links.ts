import { createHmac } from "node:crypto";
import { constantTimeEqual, decodeCanonicalBase64url, sha256 } from "./encoding.ts";
import { KEY_ID_PATTERN, type KeyRing } from "./keyring.ts";

/**
 * Opaque, URL-safe signed tokens for public URLs (feeds, invoice downloads) and OAuth `state`.
 *
 * A token is base64url of a small binary payload followed by a 16-byte truncated HMAC-SHA256
 * of everything before it (128 bits: forging needs ~2^128 online guesses):
 *
 *   version (1) | key id length (1) | key id | purpose & flags (1)
 *   | [expiry: uint32 unix seconds, if flag] | [nonce length (1) | nonce, if flag]
 *   | subject (UTF-8, or 16 raw bytes for a lowercase UUID, if flag) | MAC (16)
 *
 * Nothing is evaluated before the MAC is checked except what selecting the key needs (version,
 * key id), so a forged or altered token always reports `bad-signature`. Example: a never-expiring
 * feed token for a UUID subject, key id "k1", nonce "1" is 52 characters.
 */
export type LinkPurpose = "feed" | "invoice" | "oauth-state";

export type LinkFailureReason =
  | "malformed"
  | "bad-signature"
  | "wrong-purpose"
  | "expired"
  | "unknown-key";

export interface SignLinkInput {
  readonly purpose: LinkPurpose;
  /** The id of what the link opens (feed id, invoice id, account). */
  readonly subject: string;
  /** Links to invoices expire; feed URLs usually do not ("never"). Second precision. */
  readonly expiresAt: Date | "never";
  /**
   * A revocable generation: store it with the subject and compare on every request, so changing
   * it revokes every URL issued before. An increasing counter ("1", "2", …) is the shortest and
   * never repeats.
   */
  readonly nonce?: string | null;
  /**
   * Data bound into the signature but not carried in the token (e.g. the hash of a browser
   * cookie). Verification must present the same value, or the token is a `bad-signature`.
   */
  readonly context?: string;
}

export interface VerifyLinkOptions {
  readonly purpose: LinkPurpose;
  readonly now: Date;
  readonly context?: string;
}

export interface LinkClaims {
  readonly purpose: LinkPurpose;
  readonly subject: string;
  readonly expiresAt: Date | "never";
  readonly nonce: string | null;
  readonly keyId: string;
}

export type VerifyLinkResult =
  | ({ readonly ok: true } & LinkClaims)
  // The signature was valid: the route may say which link expired and how to get a new one.
  | ({ readonly ok: false; readonly reason: "expired" } & LinkClaims)
  | {
      readonly ok: false;
      readonly reason: Exclude<LinkFailureReason, "expired">;
    };

const VERSION = 1;
const MAC_BYTES = 16;
const MAX_FIELD_BYTES = 255;
const MAX_UNIX_SECONDS = 0xffffffff;

const PURPOSE_CODES = { feed: 1, invoice: 2, "oauth-state": 3 } as const satisfies Record<
  LinkPurpose,
  number
>;
const PURPOSES_BY_CODE = new Map(
  Object.entries(PURPOSE_CODES).map(([purpose, code]) => [code as number, purpose as LinkPurpose]),
);

const FLAG_EXPIRES = 0x10;
const FLAG_NONCE = 0x20;
const FLAG_UUID_SUBJECT = 0x40;
const PURPOSE_MASK = 0x0f;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function signLink(ring: KeyRing, input: SignLinkInput): string {
  const { keyId, key } = ring.primary("signed-links");
  const parts: Buffer[] = [Buffer.from([VERSION, keyId.length]), Buffer.from(keyId, "ascii")];

  let flags = PURPOSE_CODES[input.purpose];
  const tail: Buffer[] = [];
  if (input.expiresAt !== "never") {
    flags |= FLAG_EXPIRES;
    tail.push(encodeExpiry(input.expiresAt));
  }
  if (input.nonce !== undefined && input.nonce !== null) {
    flags |= FLAG_NONCE;
    tail.push(lengthPrefixed(input.nonce, "nonce"));
  }
  if (input.subject === "") throw new RangeError("A signed link needs a non-empty subject.");
  if (UUID_PATTERN.test(input.subject)) {
    flags |= FLAG_UUID_SUBJECT;
    tail.push(Buffer.from(input.subject.replaceAll("-", ""), "hex"));
  } else {
    const subject = Buffer.from(input.subject, "utf8");
    if (subject.length > MAX_FIELD_BYTES) {
      throw new RangeError(`A signed link subject is limited to ${MAX_FIELD_BYTES} bytes.`);
    }
    tail.push(subject);
  }

  const payload = Buffer.concat([...parts, Buffer.from([flags]), ...tail]);
  return Buffer.concat([payload, mac(key, payload, input.context)]).toString("base64url");
}

export function verifyLink(
  ring: KeyRing,
  token: string,
  options: VerifyLinkOptions,
): VerifyLinkResult {
  const bytes = decodeCanonicalBase64url(token);
  // Smallest possible token: version, key id length, 1-byte key id, flags, 1-byte subject, MAC.
  if (!bytes || bytes.length < 5 + MAC_BYTES || bytes[0] !== VERSION) {
    return { ok: false, reason: "malformed" };
  }
  const keyIdLength = bytes[1] ?? 0;
  const keyId = bytes.subarray(2, 2 + keyIdLength).toString("latin1");
  if (keyId.length !== keyIdLength || !KEY_ID_PATTERN.test(keyId)) {
    return { ok: false, reason: "malformed" };
  }
  const subkey = ring.find("signed-links", keyId);
  if (!subkey) return { ok: false, reason: "unknown-key" };

  const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
  const presentedMac = bytes.subarray(bytes.length - MAC_BYTES);
  if (!constantTimeEqual(presentedMac, mac(subkey.key, payload, options.context))) {
    return { ok: false, reason: "bad-signature" };
  }

  // From here on the payload is authentic: it was produced by `signLink` with one of our keys.
  const claims = decodeClaims(payload, 2 + keyIdLength, keyId);
  if (!claims) return { ok: false, reason: "malformed" };
  if (claims.purpose !== options.purpose) return { ok: false, reason: "wrong-purpose" };
  if (claims.expiresAt !== "never" && options.now.getTime() >= claims.expiresAt.getTime()) {
    return { ok: false, reason: "expired", ...claims };
  }
  return { ok: true, ...claims };
}

/**
 * The HTTP status a public route answers for a failed link: 410 Gone for an authentic link that
 * expired (the page can explain how to get a new one), 404 for everything else so a prober learns
 * nothing about which part was wrong.
 */
export function linkFailureStatus(reason: LinkFailureReason): 404 | 410 {
  return reason === "expired" ? 410 : 404;
}

function decodeClaims(payload: Buffer, start: number, keyId: string): LinkClaims | undefined {
  let offset = start;
  const flags = payload[offset];
  if (flags === undefined) return undefined;
  offset += 1;
  const purpose = PURPOSES_BY_CODE.get(flags & PURPOSE_MASK);
  if (!purpose) return undefined;

  let expiresAt: Date | "never" = "never";
  if (flags & FLAG_EXPIRES) {
    if (payload.length < offset + 4) return undefined;
    expiresAt = new Date(payload.readUInt32BE(offset) * 1000);
    offset += 4;
  }
  let nonce: string | null = null;
  if (flags & FLAG_NONCE) {
    const length = payload[offset];
    if (length === undefined || payload.length < offset + 1 + length) return undefined;
    nonce = payload.subarray(offset + 1, offset + 1 + length).toString("utf8");
    offset += 1 + length;
  }
  const rest = payload.subarray(offset);
  let subject: string;
  if (flags & FLAG_UUID_SUBJECT) {
    if (rest.length !== 16) return undefined;
    const hex = rest.toString("hex");
    subject = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  } else {
    if (rest.length === 0) return undefined;
    subject = rest.toString("utf8");
  }
  return { purpose, subject, expiresAt, nonce, keyId };
}

function mac(key: Buffer, payload: Buffer, context: string | undefined): Buffer {
  const hmac = createHmac("sha256", key).update(payload);
  // A marker byte keeps "no context" distinct from any context, and from a longer payload.
  if (context === undefined) hmac.update(Buffer.from([0]));
  else hmac.update(Buffer.from([1])).update(sha256(context));
  return hmac.digest().subarray(0, MAC_BYTES);
}

function encodeExpiry(expiresAt: Date): Buffer {
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_UNIX_SECONDS) {
    throw new RangeError("A signed link expiry must be a valid date between 1970 and 2106.");
  }
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(seconds);
  return buffer;
}

function lengthPrefixed(text: string, field: string): Buffer {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length === 0 || bytes.length > MAX_FIELD_BYTES) {
    throw new RangeError(`A signed link ${field} must be 1-${MAX_FIELD_BYTES} bytes long.`);
  }
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}
