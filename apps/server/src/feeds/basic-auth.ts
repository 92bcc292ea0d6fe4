/** The user and password of an `Authorization: Basic …` header (RFC 7617), or null. */
export function parseBasicAuth(
  header: string | undefined,
): { user: string; password: string } | null {
  if (!header) return null;
  const match = /^Basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The challenge of a protected feed; the realm names nothing about the feed. */
export const BASIC_CHALLENGE = 'Basic realm="Comptoir feed", charset="UTF-8"';
