import { z } from "zod";
import type { KeyRing } from "./keyring.ts";
import { CannotDecryptError, decryptSecret, encryptSecret } from "./vault.ts";

/** Encrypts any JSON-serialisable value (see `encryptSecret` for the envelope). */
export function encryptJson(ring: KeyRing, value: unknown, aad: string): string {
  return encryptSecret(ring, JSON.stringify(value), aad);
}

/**
 * Decrypts and validates a JSON value. Content that does not match the schema is reported as
 * `CannotDecryptError("invalid-content")`, without echoing the decrypted text.
 */
export function decryptJson<Schema extends z.ZodType>(
  ring: KeyRing,
  envelope: string,
  aad: string,
  schema: Schema,
): z.output<Schema> {
  const text = decryptSecret(ring, envelope, aad);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CannotDecryptError("invalid-content");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new CannotDecryptError("invalid-content");
  return parsed.data;
}

const basicCredentialsSchema = z.object({
  kind: z.literal("basic"),
  /** The Hiboutik user's login email. */
  user: z.string().min(1),
  apiKey: z.string().min(1),
});

const oauthCredentialsSchema = z.object({
  kind: z.literal("oauth"),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  // Stored as ISO text inside the envelope, handed out as a Date.
  expiresAt: z.iso.datetime().transform((text) => new Date(text)),
  scope: z.string().optional(),
});

export const hiboutikCredentialsSchema = z.discriminatedUnion("kind", [
  basicCredentialsSchema,
  oauthCredentialsSchema,
]);

export type BasicCredentials = z.output<typeof basicCredentialsSchema>;
export type OAuthCredentials = z.output<typeof oauthCredentialsSchema>;
/** What Comptoir stores (encrypted) to call a shop's Hiboutik API. */
export type HiboutikCredentials = BasicCredentials | OAuthCredentials;

/** Encrypts a shop's POS credentials, bound to its account id. */
export function encryptCredentials(
  ring: KeyRing,
  credentials: HiboutikCredentials,
  accountId: string,
): string {
  const stored =
    credentials.kind === "oauth"
      ? { ...credentials, expiresAt: credentials.expiresAt.toISOString() }
      : credentials;
  return encryptJson(ring, stored, accountId);
}

export function decryptCredentials(
  ring: KeyRing,
  envelope: string,
  accountId: string,
): HiboutikCredentials {
  return decryptJson(ring, envelope, accountId, hiboutikCredentialsSchema);
}
