import path from "node:path";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Empty strings in the environment mean "unset" (a common artefact of `.env` files and CI). */
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const databaseUrl = optionalString.superRefine((value, ctx) => {
  if (value === undefined || value === "memory://") return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({
      code: "custom",
      message:
        "is not a URL. Use postgres://USER:PASSWORD@HOST:5432/DATABASE, or unset it to use the embedded database.",
    });
    return;
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    ctx.addIssue({
      code: "custom",
      message: `uses the unsupported scheme "${url.protocol}". Use postgres://… (PostgreSQL), memory:// (a throw-away embedded database), or unset it to use the embedded database under COMPTOIR_DATA_DIR.`,
    });
  }
});

/** `kid:base64(32 bytes)` entries separated by commas; the first one encrypts and signs. */
const secretKeys = optionalString.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const keys: SecretKey[] = [];
  for (const [index, entry] of value.split(",").entries()) {
    const [id, material, ...rest] = entry.trim().split(":");
    const bytes = material === undefined ? undefined : Buffer.from(material, "base64");
    if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || rest.length > 0 || bytes?.length !== 32) {
      ctx.addIssue({
        code: "custom",
        message: `entry ${index + 1} is malformed. Each entry is KEY_ID:BASE64 where KEY_ID is 1-32 letters, digits, "-" or "_" and BASE64 encodes exactly 32 random bytes (generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))").`,
      });
      continue;
    }
    if (keys.some((key) => key.id === id)) {
      ctx.addIssue({ code: "custom", message: `key id "${id}" appears twice.` });
      continue;
    }
    keys.push({ id, key: bytes });
  }
  return keys;
});

const publicUrl = optionalString.superRefine((value, ctx) => {
  if (value === undefined) return;
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
  } catch {
    ctx.addIssue({
      code: "custom",
      message:
        "must be an absolute http(s) URL, e.g. https://feeds.example.com (the address marketplaces and customers reach).",
    });
  }
});

const port = optionalString.pipe(
  z
    .string()
    .regex(/^\d+$/, "must be a whole number between 0 and 65535")
    .transform(Number)
    .refine((n) => n <= 65535, "must be between 0 and 65535")
    .optional(),
);

export const environmentSchema = z.object({
  DATABASE_URL: databaseUrl,
  COMPTOIR_DATA_DIR: optionalString,
  COMPTOIR_SECRET_KEYS: secretKeys,
  COMPTOIR_PUBLIC_URL: publicUrl,
  PORT: port,
  HIBOUTIK_OAUTH_CLIENT_ID: optionalString,
  HIBOUTIK_OAUTH_CLIENT_SECRET: optionalString,
  LOG_LEVEL: optionalString.pipe(
    z
      .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })
      .optional()
      .default("info"),
  ),
  LOG_FORMAT: optionalString.pipe(
    z
      .enum(["auto", "json", "pretty"], { error: "must be auto, json or pretty" })
      .optional()
      .default("auto"),
  ),
});

/** The OAuth app credentials come as a pair: one without the other is a mistake. */
export const environmentPairs = [
  ["HIBOUTIK_OAUTH_CLIENT_ID", "HIBOUTIK_OAUTH_CLIENT_SECRET"],
] as const;

export interface SecretKey {
  readonly id: string;
  readonly key: Buffer;
}

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Where the database lives: the embedded PGlite directory, in memory, or a PostgreSQL server. */
  readonly database:
    | { readonly kind: "pglite"; readonly dataDir: string }
    | { readonly kind: "pglite-memory" }
    | { readonly kind: "postgres"; readonly url: string };
  /** Absolute path of the data directory (embedded database, blobs, generated key). */
  readonly dataDir: string;
  /** Key ring from COMPTOIR_SECRET_KEYS; undefined means "embedded mode generates one". */
  readonly secretKeys: readonly SecretKey[] | undefined;
  readonly publicUrl: string | undefined;
  /** The integrator's Hiboutik OAuth app (registered with Hiboutik), when accounts connect by OAuth. */
  readonly hiboutikOAuth: { readonly clientId: string; readonly clientSecret: string } | undefined;
  readonly port: number | undefined;
  readonly log: { readonly level: LogLevel; readonly format: "auto" | "json" | "pretty" };
}

export function toConfig(parsed: z.output<typeof environmentSchema>, cwd: string): Config {
  const dataDir = path.resolve(cwd, parsed.COMPTOIR_DATA_DIR ?? ".data");
  const url = parsed.DATABASE_URL;
  return {
    database:
      url === undefined
        ? { kind: "pglite", dataDir: path.join(dataDir, "pglite") }
        : url === "memory://"
          ? { kind: "pglite-memory" }
          : { kind: "postgres", url },
    dataDir,
    secretKeys: parsed.COMPTOIR_SECRET_KEYS,
    publicUrl: parsed.COMPTOIR_PUBLIC_URL?.replace(/\/+$/, ""),
    hiboutikOAuth:
      parsed.HIBOUTIK_OAUTH_CLIENT_ID && parsed.HIBOUTIK_OAUTH_CLIENT_SECRET
        ? {
            clientId: parsed.HIBOUTIK_OAUTH_CLIENT_ID,
            clientSecret: parsed.HIBOUTIK_OAUTH_CLIENT_SECRET,
          }
        : undefined,
    port: parsed.PORT,
    log: { level: parsed.LOG_LEVEL, format: parsed.LOG_FORMAT },
  };
}
