import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

/**
 * Passwords for a feed's optional HTTP Basic auth. Fetcher passwords are chosen by people, so
 * they are stored as scrypt hashes (`scrypt$N$r$p$salt$hash`, base64url), never in clear.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashFeedPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return ["scrypt", N, R, P, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export function verifyFeedPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = scryptSync(password, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/**
 * The `verify` a public lookup hands the route. It remembers the last password it accepted
 * (as a hash of it), so a route that caches the lookup briefly does not pay scrypt per request.
 */
export function basicAuthVerifier(
  user: string,
  passwordHash: string,
): (user: string, password: string) => boolean {
  let accepted: Buffer | undefined;
  const expectedUser = Buffer.from(user, "utf8");
  return (givenUser, password) => {
    const given = Buffer.from(givenUser, "utf8");
    const userOk = given.length === expectedUser.length && timingSafeEqual(given, expectedUser);
    const fingerprint = scryptFingerprint(password);
    if (
      accepted &&
      fingerprint.length === accepted.length &&
      timingSafeEqual(fingerprint, accepted)
    )
      return userOk;
    const passwordOk = verifyFeedPassword(password, passwordHash);
    if (passwordOk) accepted = fingerprint;
    return userOk && passwordOk;
  };
}

// A per-process salted digest: remembering it in memory reveals nothing reusable.
const FINGERPRINT_SALT = randomBytes(16);
function scryptFingerprint(password: string): Buffer {
  return scryptSync(password, FINGERPRINT_SALT, 32, { N: 1024, r: 8, p: 1 });
}
