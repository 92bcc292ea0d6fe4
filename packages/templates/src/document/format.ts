import type { Decimal, LocalDate } from "@comptoir/api-client";
import type { Language } from "../labels/keys.ts";

/** Number formatting per language, from exact decimals (never through floats). */

const NBSP = "\u00a0";

function groupThousands(whole: string, separator: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function formatDecimal(
  value: Decimal,
  scale: number,
  language: Language,
  minScale = scale,
): string {
  let text = value.round(scale).toString();
  const negative = text.startsWith("-");
  if (negative) text = text.slice(1);
  let [whole = "0", fraction = ""] = text.split(".");
  fraction = fraction.padEnd(scale, "0");
  while (fraction.length > minScale && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const grouped = groupThousands(whole, language === "fr" ? NBSP : ",");
  const decimalMark = language === "fr" ? "," : ".";
  return `${negative ? "-" : ""}${grouped}${fraction === "" ? "" : decimalMark + fraction}`;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  EUR: "€",
  USD: "$",
  GBP: "£",
  CHF: "CHF",
};

export function formatMoney(amount: Decimal, currency: string, language: Language): string {
  const number = formatDecimal(amount, 2, language);
  const symbol = CURRENCY_SYMBOLS[currency] ?? currency;
  if (language === "fr") return `${number}${NBSP}${symbol}`;
  return number.startsWith("-") ? `-${symbol}${number.slice(1)}` : `${symbol}${number}`;
}

/** A unit price: two decimals, more (up to 4) when the price has them. */
export function formatPrice(amount: Decimal, language: Language): string {
  return formatDecimal(amount, 4, language, 2);
}

export function formatAmount(amount: Decimal, language: Language): string {
  return formatDecimal(amount, 2, language);
}

export function formatQuantity(quantity: Decimal, language: Language): string {
  return formatDecimal(quantity, 4, language, 0);
}

export function formatPercent(percent: Decimal, language: Language): string {
  const number = formatDecimal(percent, 2, language, 0);
  return language === "fr" ? `${number}${NBSP}%` : `${number}%`;
}

const ENGLISH_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function formatDate(date: LocalDate, language: Language): string {
  const [year = "", month = "", day = ""] = date.slice(0, 10).split("-");
  if (language === "fr") return `${day}/${month}/${year}`;
  return `${Number(day)} ${ENGLISH_MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** "123456789" → "123 456 789" (SIREN), "12345678900012" → "123 456 789 00012" (SIRET). */
export function formatSiren(value: string): string {
  return value.length === 14
    ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6, 9)} ${value.slice(9)}`
    : value.replace(/(\d{3})(?=\d)/g, "$1 ");
}

export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, "$1 ");
}
