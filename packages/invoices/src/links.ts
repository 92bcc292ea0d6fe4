import { type KeyRing, signLink, verifyLink } from "@comptoir/auth";
import { type DatabaseOrTransaction, schema } from "@comptoir/db";
import { eq } from "drizzle-orm";
import { InvoiceError } from "./store/errors.ts";

const DURATION = /^(\d{1,5})\s*(s|m|h|d|w)$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/** "30d", "12h", "2w" → seconds (the CLI's `--expires`). */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) {
    throw new InvoiceError(
      "INVALID_INPUT",
      `"${text}" is not a duration: use a number and s, m, h, d or w (e.g. 30d)`,
    );
  }
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds < 1 || seconds > 10 * 366 * 86_400) {
    throw new InvoiceError("INVALID_INPUT", "a link lasts from 1 second to 10 years");
  }
  return seconds;
}

export interface InvoiceLink {
  readonly url: string;
  readonly token: string;
  readonly expiresAt: Date;
}

export interface InvoiceLinkOptions {
  readonly publicUrl: string;
  /** Seconds; default 30 days. */
  readonly expiresIn?: number;
  readonly now?: Date;
}

export function invoiceUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/invoices/${token}`;
}

/**
 * A signed, expiring, opaque download link for a stored invoice (`@comptoir/auth` signed links,
 * purpose "invoice"): the token carries the invoice id and the expiry, nothing else.
 */
export function invoiceLink(
  ring: KeyRing,
  invoice: { readonly id: string },
  options: InvoiceLinkOptions,
): InvoiceLink {
  const now = options.now ?? new Date();
  const expiresAt = new Date(
    Math.floor(now.getTime() / 1000) * 1000 + (options.expiresIn ?? 30 * 86_400) * 1000,
  );
  const token = signLink(ring, { purpose: "invoice", subject: invoice.id, expiresAt });
  return { url: invoiceUrl(options.publicUrl, token), token, expiresAt };
}

export type ResolvedInvoiceLink =
  | {
      readonly status: "found";
      readonly id: string;
      readonly number: string;
      readonly kind: schema.InvoiceKind;
      readonly pdf: Uint8Array;
      readonly xml: Uint8Array;
      readonly pdfSha256: string;
      readonly xmlSha256: string;
      readonly issuedAt: Date;
      readonly expiresAt: Date | "never";
    }
  /** Authentic but past its expiry: 410, with the shop's contact to ask for a new one. */
  | {
      readonly status: "expired";
      readonly number: string | null;
      readonly sellerName: string | null;
      readonly sellerEmail: string | null;
      readonly expiredAt: Date | "never";
    }
  /** Forged, altered, for something else, or for an invoice that no longer exists: 404. */
  | { readonly status: "not-found" };

function sellerContact(snapshot: string): { name: string | null; email: string | null } {
  try {
    const parsed = JSON.parse(snapshot) as {
      invoice?: { seller?: { name?: string; contact?: { email?: string | null } } };
    };
    return {
      name: parsed.invoice?.seller?.name ?? null,
      email: parsed.invoice?.seller?.contact?.email ?? null,
    };
  } catch {
    return { name: null, email: null };
  }
}

/** What a public invoice URL opens. The token is checked before the database is touched. */
export async function resolveInvoiceLink(
  db: DatabaseOrTransaction,
  ring: KeyRing,
  token: string,
  now: Date = new Date(),
): Promise<ResolvedInvoiceLink> {
  const verified = verifyLink(ring, token, { purpose: "invoice", now });
  if (!verified.ok && verified.reason !== "expired") return { status: "not-found" };
  const [row] = await db
    .select()
    .from(schema.invoices)
    .where(eq(schema.invoices.id, verified.subject));
  if (!row) return { status: "not-found" };
  if (!verified.ok) {
    const contact = sellerContact(row.snapshot);
    return {
      status: "expired",
      number: row.number,
      sellerName: contact.name,
      sellerEmail: contact.email,
      expiredAt: verified.expiresAt,
    };
  }
  return {
    status: "found",
    id: row.id,
    number: row.number,
    kind: row.kind,
    pdf: row.pdf,
    xml: row.xml,
    pdfSha256: row.pdfSha256,
    xmlSha256: row.xmlSha256,
    issuedAt: row.createdAt,
    expiresAt: verified.expiresAt,
  };
}
