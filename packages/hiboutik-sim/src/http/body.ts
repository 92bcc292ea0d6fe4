import type { Context } from "hono";

/**
 * Request bodies may be JSON, form-encoded or multipart (doc §1.2); all become a flat string map.
 */
export async function readBody(c: Context): Promise<Record<string, string>> {
  const type = c.req.header("content-type") ?? "";
  const out: Record<string, string> = {};
  if (type.includes("application/json")) {
    let parsed: unknown;
    try {
      parsed = await c.req.json();
    } catch {
      return out;
    }
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed)) {
        if (value !== null && value !== undefined) out[key] = String(value);
      }
    }
    return out;
  }
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    const parsed = await c.req.parseBody();
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === "string") out[key] = value;
    }
  }
  return out;
}
