import type { Decimal } from "@comptoir/api-client";
import type { Content } from "pdfmake/interfaces";
import type { FontCoverage } from "../fonts/coverage.ts";
import { FONT_FAMILIES, type FontStyle } from "../fonts/families.ts";
import { type TextRuns, textRuns } from "../fonts/runs.ts";
import { fillLabel } from "../labels/index.ts";
import type { LabelKey, Labels, Language } from "../labels/keys.ts";
import type { Look } from "../look/schema.ts";
import type { Invoice } from "../model/index.ts";
import {
  formatAmount,
  formatDate,
  formatMoney,
  formatPercent,
  formatPrice,
  formatQuantity,
} from "./format.ts";

export interface DocumentOptions {
  readonly language: Language;
  /** Encoded in the QR code (the invoice's download link); no QR without it. */
  readonly qrLink?: string | null;
  readonly fonts: FontCoverage;
}

/** Everything a block needs to draw itself, with the formatting of the document's language. */
export interface DocumentContext {
  readonly invoice: Invoice;
  readonly look: Look;
  readonly labels: Labels;
  readonly language: Language;
  readonly qrLink: string | null;
  readonly fontName: string;
  readonly runs: TextRuns;
  readonly creditNote: boolean;
  /** Invoice data as text runs in fonts that can draw it. */
  t(value: string, field: string, style?: FontStyle): string | Content[];
  /** A label with its placeholders filled, as text runs. */
  label(
    key: LabelKey,
    values?: Readonly<Record<string, string | number>>,
    style?: FontStyle,
  ): string | Content[];
  /** A label as a plain string (for composing). */
  labelText(key: LabelKey, values?: Readonly<Record<string, string | number>>): string;
  money(amount: Decimal): string;
  amount(amount: Decimal): string;
  price(amount: Decimal): string;
  quantity(quantity: Decimal): string;
  percent(percent: Decimal): string;
  date(date: string): string;
}

export function documentContext(
  invoice: Invoice,
  look: Look,
  labels: Labels,
  options: DocumentOptions,
): DocumentContext {
  const runs = textRuns(options.fonts, look.font);
  const language = options.language;
  const labelText = (key: LabelKey, values: Readonly<Record<string, string | number>> = {}) =>
    fillLabel(labels[key], values);
  return {
    invoice,
    look,
    labels,
    language,
    qrLink: options.qrLink ?? null,
    fontName: FONT_FAMILIES[look.font].pdfName,
    runs,
    creditNote: invoice.typeCode === "381",
    t: (value, field, style) => runs.runs(value, field, style),
    label: (key, values, style) => runs.runs(labelText(key, values), `label ${key}`, style),
    labelText,
    money: (amount) => formatMoney(amount, invoice.currency, language),
    amount: (amount) => formatAmount(amount, language),
    price: (amount) => formatPrice(amount, language),
    quantity: (quantity) => formatQuantity(quantity, language),
    percent: (percent) => formatPercent(percent, language),
    date: (date) => formatDate(date, language),
  };
}
