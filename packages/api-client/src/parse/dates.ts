import { codec, INVALID, isBlank } from "./codec.ts";

/**
 * "2025-03-14T16:02:11": a wall-clock time with no offset. Hiboutik datetimes are store-local
 * and carry no time zone, so they are not turned into instants here.
 */
export type LocalDateTime = string;
/** "2025-03-14". */
export type LocalDate = string;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ZERO_DATE = /^0000-00-00/;

function validCalendarDate(year: string, month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** Zero-dates ("0000-00-00 00:00:00") and "" mean "none" → null; undefined means invalid. */
export function parseLocalDateTime(value: unknown): LocalDateTime | null | undefined {
  if (isBlank(value) || value === false) return null;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (ZERO_DATE.test(text)) return null;
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year = "", month = "", day = "", hour = "00", minute = "00", second = "00"] = match;
  if (!validCalendarDate(year, month, day)) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}`;
}

export function parseLocalDate(value: unknown): LocalDate | null | undefined {
  // date_z is an integer YYYYMMDD, 0 while the sale is open.
  if (value === 0 || value === "0") return null;
  if (typeof value === "number" || (typeof value === "string" && /^\d{8}$/.test(value))) {
    const digits = String(value);
    if (!/^\d{8}$/.test(digits)) return undefined;
    return parseLocalDate(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`);
  }
  const dateTime = parseLocalDateTime(value);
  return dateTime == null ? dateTime : dateTime.slice(0, 10);
}

export const dateTimeField = codec<LocalDateTime | null>(
  'a date-time like "2025-03-14 16:02:11"',
  (value) => {
    const parsed = parseLocalDateTime(value);
    return parsed === undefined ? INVALID : parsed;
  },
);

export const dateField = codec<LocalDate | null>('a date like "2025-03-14"', (value) => {
  const parsed = parseLocalDate(value);
  return parsed === undefined ? INVALID : parsed;
});
