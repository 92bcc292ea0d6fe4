/**
 * Time helpers. Hiboutik datetimes are naive "YYYY-MM-DD HH:MM:SS" strings, most likely in the
 * store's local time (doc §5.5, inferred), so the simulator works in "wall time": epoch
 * milliseconds whose UTC fields read as the Europe/Paris wall clock.
 */

export const TIME_ZONE = "Europe/Paris";
export const DAY_MS = 86_400_000;
export const ZERO_DATETIME = "0000-00-00 00:00:00";
export const ZERO_DATE = "0000-00-00";

const wallFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** Wall-clock milliseconds (Europe/Paris) of an instant. */
export function toWallMs(instant: Date): number {
  const fields: Record<string, number> = {};
  for (const part of wallFormat.formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
}

export function startOfDay(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS) * DAY_MS;
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

export interface WallFields {
  readonly yyyy: string;
  readonly mm: string;
  readonly dd: string;
  readonly hh: string;
  readonly min: string;
  readonly ss: string;
}

export function wallFields(wallMs: number): WallFields {
  const d = new Date(wallMs);
  return {
    yyyy: pad(d.getUTCFullYear(), 4),
    mm: pad(d.getUTCMonth() + 1),
    dd: pad(d.getUTCDate()),
    hh: pad(d.getUTCHours()),
    min: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
  };
}

export function formatDate(wallMs: number): string {
  const f = wallFields(wallMs);
  return `${f.yyyy}-${f.mm}-${f.dd}`;
}

export function formatDateTime(wallMs: number): string {
  const f = wallFields(wallMs);
  return `${f.yyyy}-${f.mm}-${f.dd} ${f.hh}:${f.min}:${f.ss}`;
}

/** The `date_z` business day as the integer YYYYMMDD (the Z day starts at midnight here). */
export function dateZ(wallMs: number): number {
  const d = new Date(wallMs);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** Month key used by the quota and the per-month closing counter, e.g. 202503. */
export function monthKey(wallMs: number): number {
  const d = new Date(wallMs);
  return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
}

/** Day from path segments; month and day may be padded or not (`2025/03/07` or `2025/3/7`). */
export function parseDay(year: string, month: string, day: string): number | undefined {
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return undefined;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return ms;
}
