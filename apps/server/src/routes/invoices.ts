import { resolveInvoiceLink } from "@comptoir/invoices";
import type { Context } from "hono";
import type { App, AppEnv } from "../app.ts";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, paragraphs: readonly string[]): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}h1{font-size:1.3rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</body></html>
`;
}

/** Headers of every answer: the token in the URL must not leak to other sites or caches. */
const PRIVATE = {
  "Cache-Control": "private, no-cache",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Robots-Tag": "noindex",
};

function htmlAnswer(c: Context<AppEnv>, status: 404 | 410, html: string) {
  return c.body(html, status, { ...PRIVATE, "Content-Type": "text/html; charset=utf-8" });
}

/**
 * `GET|HEAD /invoices/{token}` (also `{token}.pdf`, `{token}.xml`, `?format=xml`): the stored PDF
 * of an issued invoice or credit note, or its Factur-X XML, through a signed expiring link.
 * The bytes served are the ones stored at issuance; the ETag is their SHA-256. An authentic link
 * past its expiry answers 410 with a page saying how to get a new one; anything else 404.
 */
export function registerInvoiceLinkRoutes(app: App): void {
  app.get("/invoices/:file", async (c) => {
    const { db, accountServices } = c.get("deps");
    const file = c.req.param("file");
    const suffix = /\.(pdf|xml)$/.exec(file);
    const token = suffix ? file.slice(0, -4) : file;
    const format = suffix?.[1] ?? (c.req.query("format") === "xml" ? "xml" : "pdf");
    const link = await resolveInvoiceLink(db, accountServices.ring, token, new Date());
    if (link.status === "not-found") {
      return htmlAnswer(
        c,
        404,
        page("Document introuvable / Document not found", [
          "Ce lien ne correspond à aucune facture. Vérifiez qu'il a été copié en entier.",
          "This link does not match any invoice. Check that it was copied in full.",
        ]),
      );
    }
    if (link.status === "expired") {
      const contact = link.sellerEmail
        ? ` (<a href="mailto:${escapeHtml(link.sellerEmail)}">${escapeHtml(link.sellerEmail)}</a>)`
        : "";
      const seller = escapeHtml(link.sellerName ?? "la boutique");
      const number = escapeHtml(link.number ?? "");
      return htmlAnswer(
        c,
        410,
        page(`Lien expiré / Link expired: ${number}`, [
          `Ce lien de téléchargement de la facture ${number} a expiré. Demandez un nouveau lien à ${seller}${contact} : la facture reste conservée et un nouveau lien vous sera envoyé.`,
          `This download link for invoice ${number} has expired. Ask ${escapeHtml(link.sellerName ?? "the shop")}${contact} for a new link: the invoice is kept and a fresh link can be sent to you.`,
        ]),
      );
    }
    const bytes = format === "xml" ? link.xml : link.pdf;
    const hash = format === "xml" ? link.xmlSha256 : link.pdfSha256;
    const etag = `"${hash}"`;
    const prefix = link.kind === "credit-note" ? "Avoir" : "Facture";
    const filename = `${prefix}-${link.number.replace(/[^A-Za-z0-9+_-]/g, "-")}.${format}`;
    const headers = {
      ...PRIVATE,
      ETag: etag,
      "Last-Modified": link.issuedAt.toUTCString(),
    };
    const match = c.req.header("if-none-match");
    if (match?.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag)) {
      return c.body(null, 304, headers);
    }
    return c.body(new Uint8Array(bytes), 200, {
      ...headers,
      "Content-Type": format === "xml" ? "application/xml; charset=utf-8" : "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(bytes.byteLength),
    });
  });
}
