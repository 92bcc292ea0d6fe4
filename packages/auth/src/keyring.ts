import { hkdfSync, randomBytes } from "node:crypto";

/** One configured secret: an id that travels with ciphertexts and tokens, and 32 random bytes. */
export interface SecretKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * What a derived subkey is for. Each purpose gets its own HKDF output, so the key that encrypts
 * credentials is never the key that signs URLs, even though both come from one configured secret.
 */
export type KeyPurpose = "vault" | "signed-links";

export interface DerivedKey {
  readonly keyId: string;
  readonly key: Buffer;
}

export interface KeyRing {
  /** Id of the first key: the one that encrypts and signs. */
  readonly primaryKeyId: string;
  /** Every key id, primary first. */
  readonly keyIds: readonly string[];
  hasKey(keyId: string): boolean;
  /** The subkey of the primary key for a purpose. */
  primary(purpose: KeyPurpose): DerivedKey;
  /** The subkey of a given key id, or undefined when the ring does not hold that key. */
  find(purpose: KeyPurpose, keyId: string): DerivedKey | undefined;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const KEY_BYTES = 32;

/** A key ring that cannot be used as given (no keys, short keys, duplicate or bad ids). */
export class KeyRingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyRingError";
  }
}

// Fixed salt: the input keys are already uniformly random, so HKDF only needs domain separation.
const HKDF_SALT = Buffer.from("comptoir/keyring");

/**
 * Builds a key ring. The first key is primary (encrypts and signs); every key decrypts and
 * verifies, so rotating means putting a new key first and keeping the old ones until nothing
 * refers to them any more.
 */
export function createKeyRing(keys: readonly SecretKey[]): KeyRing {
  validateKeys(keys);
  const material = new Map(keys.map((k) => [k.id, Buffer.from(k.key)] as const));
  const derived = new Map<string, DerivedKey>();
  const keyIds = keys.map((k) => k.id);
  const primaryKeyId = keyIds[0] ?? "";

  const find = (purpose: KeyPurpose, keyId: string): DerivedKey | undefined => {
    const cacheKey = `${purpose}\0${keyId}`;
    const cached = derived.get(cacheKey);
    if (cached) return cached;
    const ikm = material.get(keyId);
    if (!ikm) return undefined;
    const key = Buffer.from(hkdfSync("sha256", ikm, HKDF_SALT, `comptoir:${purpose}:v1`, 32));
    const subkey = { keyId, key };
    derived.set(cacheKey, subkey);
    return subkey;
  };

  return {
    primaryKeyId,
    keyIds,
    hasKey: (keyId) => material.has(keyId),
    find,
    primary(purpose) {
      const subkey = find(purpose, primaryKeyId);
      if (!subkey) throw new KeyRingError("The key ring has no primary key.");
      return subkey;
    },
  };
}

function validateKeys(keys: readonly SecretKey[]): void {
  if (keys.length === 0) {
    throw new KeyRingError(
      "The key ring is empty. Set COMPTOIR_SECRET_KEYS to KEY_ID:BASE64 entries, or unset it to let embedded mode generate a key.",
    );
  }
  const seen = new Set<string>();
  for (const { id, key } of keys) {
    if (!KEY_ID_PATTERN.test(id)) {
      throw new KeyRingError(
        `Key id ${JSON.stringify(id)} is invalid: use 1-32 letters, digits, "-" or "_".`,
      );
    }
    if (seen.has(id)) throw new KeyRingError(`Key id "${id}" appears twice in the key ring.`);
    seen.add(id);
    if (key.length !== KEY_BYTES) {
      // The length is not secret; the bytes are never shown.
      throw new KeyRingError(
        `Key "${id}" is ${key.length} bytes long; each key must be exactly ${KEY_BYTES} random bytes.`,
      );
    }
  }
}

/**
 * A fresh random key. Default ids are short ("k1", "k2", …) because the id is written into every
 * signed URL; pass the ids already in use so the new one does not collide.
 */
export function generateKey(
  options: { id?: string; existingIds?: readonly string[] } = {},
): SecretKey {
  const existing = new Set(options.existingIds ?? []);
  let id = options.id;
  if (id === undefined) {
    let n = 1;
    for (const other of existing) {
      const match = /^k(\d+)$/.exec(other);
      if (match?.[1]) n = Math.max(n, Number(match[1]) + 1);
    }
    while (existing.has(`k${n}`)) n += 1;
    id = `k${n}`;
  }
  if (existing.has(id)) throw new KeyRingError(`Key id "${id}" is already in the key ring.`);
  const key = { id, key: randomBytes(KEY_BYTES) };
  validateKeys([key]);
  return key;
}

/**
 * Rotation: a new key becomes primary and the old keys stay for decrypting and verifying.
 * Drop an old key only after re-encrypting (see `reEncrypt`) and once links signed with it
 * may stop working.
 */
export function rotateKeys(keys: readonly SecretKey[], newKey?: SecretKey): SecretKey[] {
  const added = newKey ?? generateKey({ existingIds: keys.map((k) => k.id) });
  const next = [added, ...keys];
  validateKeys(next);
  return next;
}

/** The `COMPTOIR_SECRET_KEYS` text for keys: `kid:base64,kid2:base64`, primary first. */
export function formatKeyRing(keys: readonly SecretKey[]): string {
  validateKeys(keys);
  return keys.map((k) => `${k.id}:${k.key.toString("base64")}`).join(",");
}

/**
 * Parses `kid:base64` entries separated by commas or newlines; lines starting with `#` are
 * comments. `source` names where the text came from in error messages (never the key bytes).
 */
export function parseKeyRing(text: string, source = "COMPTOIR_SECRET_KEYS"): SecretKey[] {
  const entries = text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith("#"))
    .join(",")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const keys = entries.map((entry, index) => {
    const [id, material, ...rest] = entry.split(":");
    const key = material === undefined ? undefined : Buffer.from(material, "base64");
    if (!id || rest.length > 0 || key === undefined || key.length !== KEY_BYTES) {
      throw new KeyRingError(
        `${source}: entry ${index + 1} is malformed. Each entry is KEY_ID:BASE64 where BASE64 encodes exactly ${KEY_BYTES} random bytes.`,
      );
    }
    return { id, key };
  });
  if (keys.length === 0) throw new KeyRingError(`${source} holds no keys.`);
  validateKeys(keys);
  return keys;
}
