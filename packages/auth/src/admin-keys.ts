import { constantTimeEqual, randomBase62, sha256 } from "./encoding.ts";

/**
 * Admin API keys: `ck_<id>_<secret>`, base62 only (no "-" or "_" inside the parts, so a
 * double-click selects the whole key and the parts split unambiguously).
 *
 * - id: 12 base62 characters, public, used to find the stored record;
 * - secret: 43 base62 characters ≈ 256 bits of entropy.
 *
 * Only a SHA-256 hash of the whole key is stored. A fast hash is right here: slow password hashes
 * (bcrypt, argon2) exist to resist guessing low-entropy passwords, whereas guessing a 256-bit
 * random secret is infeasible at any speed, and every API request has to verify a key. The hash
 * does not depend on the key ring, so rotating encryption keys never invalidates admin keys.
 */
export type AdminScope = "read" | "write";

export const ADMIN_KEY_PREFIX = "ck_";
const ID_LENGTH = 12;
const SECRET_LENGTH = 43;
const ADMIN_KEY_PATTERN = new RegExp(
  `^${ADMIN_KEY_PREFIX}([0-9A-Za-z]{${ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})$`,
);

/** What to store for an admin key. None of it lets anyone call the API. */
export interface AdminKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly AdminScope[];
  /** Hex SHA-256 of the whole key. */
  readonly hash: string;
  /** Shown in listings so a person can recognise a key, e.g. `ck_3fZq9LrT2aXb`. */
  readonly prefix: string;
}

export interface CreatedAdminKey {
  /** The full key: show it once, never store or log it. */
  readonly key: string;
  readonly record: AdminKeyRecord;
}

export function createAdminKey(input: {
  readonly name: string;
  readonly scopes: readonly AdminScope[];
}): CreatedAdminKey {
  if (input.name.trim() === "") throw new RangeError("An admin key needs a name.");
  if (input.scopes.length === 0) throw new RangeError("An admin key needs at least one scope.");
  const id = randomBase62(ID_LENGTH);
  const key = `${ADMIN_KEY_PREFIX}${id}_${randomBase62(SECRET_LENGTH)}`;
  return {
    key,
    record: {
      id,
      name: input.name.trim(),
      scopes: [...new Set(input.scopes)],
      hash: hashAdminKey(key),
      prefix: `${ADMIN_KEY_PREFIX}${id}`,
    },
  };
}

/** The record id a presented key refers to, or undefined when it is not shaped like a key. */
export function parseAdminKeyId(presented: string): string | undefined {
  return ADMIN_KEY_PATTERN.exec(presented)?.[1];
}

export function hashAdminKey(key: string): string {
  return sha256(key).toString("hex");
}

/** Constant-time check of a presented key against its stored record. */
export function verifyAdminKey(
  record: Pick<AdminKeyRecord, "id" | "hash">,
  presented: string,
): boolean {
  if (parseAdminKeyId(presented) !== record.id) return false;
  const expected = Buffer.from(record.hash, "hex");
  return constantTimeEqual(sha256(presented), expected);
}

/** Write implies read. */
export function hasScope(scopes: readonly AdminScope[], needed: AdminScope): boolean {
  return needed === "read"
    ? scopes.includes("read") || scopes.includes("write")
    : scopes.includes("write");
}
