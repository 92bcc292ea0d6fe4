import type { LocalDate } from "@comptoir/api-client";
import { InvoiceBuildError } from "./errors.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date the French rules accept (BR-FR-03: years 2000–2099). */
export function checkDate(date: string, what: string): LocalDate {
  const match = DATE.exec(date);
  const valid =
    match !== null &&
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date &&
    Number(match[1]) >= 2000 &&
    Number(match[1]) <= 2099;
  if (!valid)
    throw new InvoiceBuildError(
      "invalid-date",
      `${what} must be a date YYYY-MM-DD between 2000 and 2099, got "${date}"`,
    );
  return date;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** BR-FR-01/02: 35 characters at most, letters, digits and + - _ / only. */
export function checkNumber(number: string): string {
  if (!/^[A-Za-z0-9+\-_/]{1,35}$/.test(number)) {
    throw new InvoiceBuildError(
      "invalid-number",
      `invoice number "${number}" must be 1 to 35 letters, digits or + - _ /`,
    );
  }
  return number;
}
