import { pino } from "pino";
import pretty from "pino-pretty";

export type Logger = pino.Logger;
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/**
 * Keys whose values are secrets wherever they appear (top level or one/two levels deep).
 * Redaction is by key name so a new log call cannot leak a credential by accident.
 */
const SECRET_KEYS = [
  "password",
  "apiKey",
  "api_key",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "clientSecret",
  "client_secret",
  "secret",
  "secretKeys",
  "authorization",
  "Authorization",
  "cookie",
  "set-cookie",
  "databaseUrl",
];

export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const dot = k.startsWith("[") ? "" : ".";
  return [k, `*${dot}${k}`, `*.*${dot}${k}`];
});

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** `auto` = human-readable on a terminal, JSON lines otherwise. */
  readonly format?: "auto" | "json" | "pretty";
  /** Where lines go; defaults to stderr so stdout stays free for command results. */
  readonly destination?: NodeJS.WritableStream & { isTTY?: boolean };
  readonly name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const format = options.format ?? "auto";
  const human = format === "pretty" || (format === "auto" && destination.isTTY === true);
  const base = {
    level: options.level ?? "info",
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    base: options.name ? { name: options.name } : null,
    timestamp: pino.stdTimeFunctions.isoTime,
  } satisfies pino.LoggerOptions;
  if (human) {
    return pino(
      base,
      pretty({
        destination,
        colorize: destination.isTTY === true,
        ignore: "pid,hostname",
        translateTime: "SYS:HH:MM:ss.l",
        sync: true,
      }),
    );
  }
  return pino(base, destination);
}
