import { randomBytes } from "node:crypto";
import { createKeyRing, type KeyRing, type SecretKey } from "../src/keyring.ts";

export function key(id: string): SecretKey {
  return { id, key: randomBytes(32) };
}

export function ring(...keys: SecretKey[]): KeyRing {
  return createKeyRing(keys);
}

/** Replaces the character at `index` with a different base64url character. */
export function flipChar(text: string, index: number): string {
  const current = text.charAt(index);
  const replacement = current === "A" ? "B" : "A";
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}
