import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { decodeCanonicalBase64url } from "./encoding.ts";
import type { KeyRing } from "./keyring.ts";

/**
 * Envelope encryption of secrets at rest (POS credentials, OAuth tokens).
 *
 * Format: `v1.<kid>.<iv>.<tag>.<ciphertext>`, the last three in base64url.
 * AES-256-GCM with a 12-byte random IV and a 16-byte tag. The associated data is a caller-given
 * string (the account id), so a ciphertext copied into another row does not decrypt.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The envelope names a key the ring does not hold (it was removed too early, or never added). */
export class UnknownKeyIdError extends Error {
  readonly keyId: string;
  constructor(keyId: string) {
    super(
      `Cannot decrypt: the data was encrypted with key "${keyId}", which is not in the key ring. Add that key back to COMPTOIR_SECRET_KEYS (after the primary key) or to the secret-keys file.`,
    );
    this.name = "UnknownKeyIdError";
    this.keyId = keyId;
  }
}

/**
 * The envelope is malformed, was altered, or belongs to another record. Deliberately vague:
 * the message says nothing about which part failed and never includes any data.
 */
export class CannotDecryptError extends Error {
  readonly reason:
    | "malformed"
    | "unsupported-version"
    | "authentication-failed"
    | "invalid-content";
  constructor(reason: CannotDecryptError["reason"]) {
    super(
      reason === "unsupported-version"
        ? "Cannot decrypt: the stored secret uses an envelope version this release does not know. Upgrade Comptoir."
        : "Cannot decrypt: the stored secret is damaged, belongs to another record, or the key is wrong. Enter the credentials again.",
    );
    this.name = "CannotDecryptError";
    this.reason = reason;
  }
}

interface ParsedEnvelope {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export function encryptSecret(ring: KeyRing, plaintext: string, aad: string): string {
  const { keyId, key } = ring.primary("vault");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(keyId, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId, iv, tag, ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(ring: KeyRing, envelope: string, aad: string): string {
  const { keyId, iv, tag, ciphertext } = parseEnvelope(envelope);
  const subkey = ring.find("vault", keyId);
  if (!subkey) throw new UnknownKeyIdError(keyId);
  try {
    const decipher = createDecipheriv("aes-256-gcm", subkey.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId, aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new CannotDecryptError("authentication-failed");
  }
}

/** The key id an envelope was encrypted with (throws CannotDecryptError when malformed). */
export function envelopeKeyId(envelope: string): string {
  return parseEnvelope(envelope).keyId;
}

/** True when the envelope was not encrypted with the primary key (a rotation job re-encrypts it). */
export function needsReEncryption(ring: KeyRing, envelope: string): boolean {
  return envelopeKeyId(envelope) !== ring.primaryKeyId;
}

/** Decrypts with whichever key the envelope names and encrypts again with the primary key. */
export function reEncrypt(ring: KeyRing, envelope: string, aad: string): string {
  return encryptSecret(ring, decryptSecret(ring, envelope, aad), aad);
}

function parseEnvelope(envelope: string): ParsedEnvelope {
  const parts = envelope.split(".");
  if (parts[0] !== VERSION) {
    throw new CannotDecryptError(
      /^v\d+$/.test(parts[0] ?? "") ? "unsupported-version" : "malformed",
    );
  }
  if (parts.length !== 5) throw new CannotDecryptError("malformed");
  const [, keyId = "", ivText = "", tagText = "", ciphertextText = ""] = parts;
  const iv = decodeCanonicalBase64url(ivText);
  const tag = decodeCanonicalBase64url(tagText);
  const ciphertext = decodeCanonicalBase64url(ciphertextText);
  if (keyId === "" || iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !ciphertext) {
    throw new CannotDecryptError("malformed");
  }
  return { keyId, iv, tag, ciphertext };
}

// The version and key id are authenticated along with the caller's AAD, so the header of an
// envelope cannot be edited without the tag check failing.
function associatedData(keyId: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}\0${keyId}\0${aad}`, "utf8");
}
