import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts.ts";
import { createdAt, updatedAt } from "./columns.ts";

/** Raw bytes (PDF, XML): `Uint8Array` in TypeScript on both drivers. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) =>
    value instanceof Uint8Array ? value : new Uint8Array(value as unknown as ArrayBuffer),
});

export const INVOICE_KINDS = ["invoice", "credit-note"] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/**
 * Per-account invoice settings: the seller's legal identity (validated by
 * `@comptoir/invoices`, stored as given), the look of the documents, and the number series.
 */
export const invoiceSettings = pgTable(
  "invoice_settings",
  {
    accountId: uuid()
      .primaryKey()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** Seller settings as accepted by `parseSellerSettings`; null until the shop sets them. */
    seller: jsonb(),
    /** The look (`lookSchema` input): template, colours, labels, language… */
    look: jsonb().notNull().default({}),
    invoicePattern: text().notNull().default("F{YYYY}-{seq:6}"),
    invoiceReset: text({ enum: ["never", "yearly", "monthly"] })
      .notNull()
      .default("yearly"),
    creditNotePattern: text().notNull().default("AV{YYYY}-{seq:6}"),
    creditNoteReset: text({ enum: ["never", "yearly", "monthly"] })
      .notNull()
      .default("yearly"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "invoice_settings_invoice_reset_known",
      sql`${t.invoiceReset} in ('never', 'yearly', 'monthly')`,
    ),
    check(
      "invoice_settings_credit_reset_known",
      sql`${t.creditNoteReset} in ('never', 'yearly', 'monthly')`,
    ),
  ],
);

/**
 * Gapless counters, one per account × kind × period ("" never resets, "2026", "2026-03"). The
 * issuing transaction increments its row (`… on conflict do update … returning`), which locks
 * it until commit: concurrent issuers wait, and a rollback gives the number back.
 */
export const invoiceSeries = pgTable(
  "invoice_series",
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    kind: text({ enum: INVOICE_KINDS }).notNull(),
    period: text().notNull(),
    lastNumber: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.kind, t.period] }),
    check("invoice_series_kind_known", sql`${t.kind} in ('invoice', 'credit-note')`),
    check("invoice_series_positive", sql`${t.lastNumber} > 0`),
  ],
);

/**
 * Issued invoices and credit notes. Written once and never changed (a trigger refuses UPDATE
 * and DELETE, except the cascade of an account's removal): the frozen snapshot, the exact PDF
 * and XML bytes and their SHA-256 are the legal original.
 */
export const invoices = pgTable(
  "invoices",
  {
    /** Chosen before rendering: the QR code's link names it. */
    id: uuid().primaryKey(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    kind: text({ enum: INVOICE_KINDS }).notNull(),
    number: text().notNull(),
    issueDate: date({ mode: "string" }).notNull(),
    /** The POS sale invoiced (or whose return is credited). */
    saleId: integer(),
    /** For a credit note: the invoice it corrects. */
    originalInvoiceId: uuid().references((): AnyPgColumn => invoices.id, { onDelete: "cascade" }),
    /** `serializeInvoice` text, kept byte for byte. */
    snapshot: text().notNull(),
    /** The look and options it was rendered with, to render it again identically. */
    look: jsonb().notNull(),
    language: text().notNull(),
    qrLink: text(),
    pdf: bytea().notNull(),
    xml: bytea().notNull(),
    pdfSha256: text().notNull(),
    xmlSha256: text().notNull(),
    buyerName: text().notNull(),
    totalExclVat: numeric({ precision: 14, scale: 2 }).notNull(),
    totalVat: numeric({ precision: 14, scale: 2 }).notNull(),
    totalInclVat: numeric({ precision: 14, scale: 2 }).notNull(),
    amountDue: numeric({ precision: 14, scale: 2 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invoices_account_kind_number_key").on(t.accountId, t.kind, t.number),
    // One invoice per sale: issuing a sale again finds it.
    uniqueIndex("invoices_account_sale_key")
      .on(t.accountId, t.saleId)
      .where(sql`${t.kind} = 'invoice'`),
    index("invoices_account_issue_date_idx").on(t.accountId, t.issueDate),
    index("invoices_original_idx").on(t.originalInvoiceId),
    check("invoices_kind_known", sql`${t.kind} in ('invoice', 'credit-note')`),
    check(
      "invoices_credit_has_original",
      sql`(${t.kind} = 'credit-note') = (${t.originalInvoiceId} is not null)`,
    ),
  ],
);

export type InvoiceSettingsRow = typeof invoiceSettings.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
