import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { FONT_FAMILIES, type Invoice } from "@comptoir/templates";
import { renderFacturXml } from "../src/index.ts";
import { pdfRuntime } from "../src/pdf/runtime.ts";

/**
 * The practical floor: pdfkit drawing the same one-page invoice with absolute positions (no
 * layout engine), same fonts (parsed once, like the pdfmake path), same PDF/A-3b output with the
 * Factur-X XML embedded.
 */

interface PdfKitDoc {
  registerFont(name: string, src: Buffer): this;
  font(name: string): this;
  fontSize(size: number): this;
  fillColor(color: string): this;
  strokeColor(color: string): this;
  lineWidth(width: number): this;
  text(text: string, x: number, y: number, options?: Record<string, unknown>): this;
  widthOfString(text: string): number;
  rect(x: number, y: number, w: number, h: number): this;
  fill(color?: string): this;
  moveTo(x: number, y: number): this;
  lineTo(x: number, y: number): this;
  stroke(): this;
  file(src: string, options: Record<string, unknown>): this;
  appendXML(xml: string): void;
  on(event: "data", listener: (chunk: Buffer) => void): this;
  on(event: "end", listener: () => void): this;
  end(): void;
}

type PdfKitConstructor = new (options: Record<string, unknown>) => PdfKitDoc;
type QrMeasure = (node: { qr: string; fit: number; eccLevel: string }) => {
  _canvas: { x: number; y: number; w: number; h: number; color: string }[];
};

let loaded:
  | { PDFDocument: PdfKitConstructor; qr: QrMeasure; regular: Buffer; bold: Buffer }
  | undefined;

function load() {
  if (loaded) return loaded;
  pdfRuntime(); // installs the parsed-font cache before pdfkit loads
  const require = createRequire(import.meta.url);
  const fromPdfmake = createRequire(require.resolve("pdfmake"));
  loaded = {
    PDFDocument: fromPdfmake("pdfkit") as PdfKitConstructor,
    qr: (fromPdfmake("./qrEnc.js") as { default: { measure: QrMeasure } }).default.measure,
    regular: readFileSync(FONT_FAMILIES["dejavu-sans"].files.normal),
    bold: readFileSync(FONT_FAMILIES["dejavu-sans"].files.bold),
  };
  return loaded;
}

const nbsp = "\u00a0";
const amount = (value: { toFixed(scale: number): string }) =>
  value
    .toFixed(2)
    .replace(".", ",")
    .replace(/\B(?=(\d{3})+(?!\d))/g, nbsp);
const eur = (value: { toFixed(scale: number): string }) => `${amount(value)}${nbsp}€`;
const frDate = (date: string) => date.split("-").reverse().join("/");

/** Draws what the classic template draws, at fixed positions, wrapping only the long texts. */
export function drawWithPdfkit(invoice: Invoice, qrLink: string): Promise<Buffer> {
  const { PDFDocument, qr, regular, bold } = load();
  const instant = new Date(`${invoice.issueDate}T00:00:00Z`);
  const doc = new PDFDocument({
    size: "A4",
    margin: 40,
    pdfVersion: "1.7",
    subset: "PDF/A-3b",
    font: null,
    lang: "fr-FR",
    info: {
      Title: `Facture ${invoice.number}`,
      Author: invoice.seller.name,
      CreationDate: instant,
      ModDate: instant,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => resolve(Buffer.concat(chunks))),
  );
  doc.registerFont("Regular", regular).registerFont("Bold", bold);
  const text = "#1f2328";
  const muted = "#6b7280";
  const accent = "#1f4e79";
  const right = (value: string, x: number, y: number) =>
    doc.text(value, x - doc.widthOfString(value), y, { lineBreak: false });
  const { seller, buyer, totals } = invoice;

  // Letterhead and references
  doc
    .font("Bold")
    .fontSize(11)
    .fillColor(text)
    .text(seller.tradingName ?? seller.name, 40, 40, { lineBreak: false });
  doc
    .font("Regular")
    .fontSize(7.5)
    .fillColor(muted)
    .text(seller.name, 40, 55, { lineBreak: false });
  doc.fontSize(8.5).fillColor(text);
  let y = 65;
  for (const line of [
    ...seller.address.lines,
    `${seller.address.postcode} ${seller.address.city}`,
  ]) {
    doc.text(line, 40, y, { lineBreak: false });
    y += 10;
  }
  doc.fontSize(7.5).fillColor(muted);
  for (const line of [seller.contact.phone, seller.contact.email]) {
    if (line) doc.text(line, 40, y, { lineBreak: false });
    y += 9;
  }
  doc.font("Bold").fontSize(20).fillColor(accent);
  right("Facture", 555, 40);
  y = 70;
  const meta: [string, string][] = [
    ["N°", invoice.number],
    ["Date", frDate(invoice.issueDate)],
    ["Échéance", frDate(invoice.paymentTerms.dueDate ?? invoice.issueDate)],
    ["Date de livraison", frDate(invoice.deliveryDate ?? invoice.issueDate)],
    ["Ticket", invoice.sale?.uniqueId ?? ""],
    ["Votre référence", buyer.reference ?? ""],
  ];
  for (const [label, value] of meta) {
    doc.font("Regular").fontSize(7.5).fillColor(muted).text(label, 370, y, { lineBreak: false });
    doc
      .font(label === "N°" ? "Bold" : "Regular")
      .fontSize(8.5)
      .fillColor(text);
    right(value, 555, y);
    y += 12;
  }

  // Buyer box
  doc.strokeColor(accent).lineWidth(0.8).rect(315, 150, 240, 62).stroke();
  doc
    .font("Regular")
    .fontSize(7.5)
    .fillColor(muted)
    .text("Facturé à", 321, 155, { lineBreak: false });
  doc.font("Bold").fontSize(10).fillColor(text).text(buyer.name, 321, 165, { lineBreak: false });
  doc.font("Regular").fontSize(8.5);
  y = 178;
  for (const line of [...buyer.address.lines, `${buyer.address.postcode} ${buyer.address.city}`]) {
    doc.text(line, 321, y, { lineBreak: false });
    y += 10;
  }
  doc
    .fontSize(7.5)
    .fillColor(muted)
    .text(`SIREN ${buyer.siren} · N° TVA intracom. ${buyer.vatNumber}`, 321, y, {
      lineBreak: false,
    });

  // Line table
  y = 228;
  doc.rect(40, y, 515, 16).fill(accent);
  doc
    .font("Bold")
    .fontSize(8)
    .fillColor("#ffffff")
    .text("Désignation", 44, y + 4, { lineBreak: false });
  const columns: [string, number][] = [
    ["Qté", 330],
    ["PU HT", 390],
    ["Remise", 440],
    ["TVA", 480],
    ["Total HT", 551],
  ];
  for (const [label, x] of columns) right(label, x, y + 4);
  y += 20;
  for (const line of invoice.lines) {
    doc.font("Regular").fontSize(8.5).fillColor(text).text(line.name, 44, y, { width: 240 });
    right(line.quantity.toString(), 330, y);
    right(
      (line.grossPrice ?? line.netPrice)
        .toFixed(4)
        .replace(/0{1,2}$/, "")
        .replace(".", ","),
      390,
      y,
    );
    right(
      line.discountPercent ? `-${line.discountPercent.toString().replace(".", ",")}${nbsp}%` : "",
      440,
      y,
    );
    right(`${line.vat.rate.percent.toString().replace(".", ",")}${nbsp}%`, 480, y);
    right(amount(line.netAmount), 551, y);
    if (line.description)
      doc
        .fontSize(7.5)
        .fillColor(muted)
        .text(line.description, 44, y + 10, { lineBreak: false });
    y += line.description ? 22 : 14;
    doc
      .strokeColor("#c9ced6")
      .lineWidth(0.3)
      .moveTo(40, y - 3)
      .lineTo(555, y - 3)
      .stroke();
  }

  // VAT breakdown, payment, totals
  y += 12;
  const top = y;
  doc
    .font("Bold")
    .fontSize(8.5)
    .fillColor(text)
    .text("Détail de la TVA", 40, y, { lineBreak: false });
  y += 13;
  doc.font("Bold").fontSize(7.5).fillColor(muted).text("Taux", 40, y, { lineBreak: false });
  right("Base HT", 140, y);
  right("TVA", 190, y);
  doc.font("Regular").fontSize(8.5).fillColor(text);
  for (const entry of invoice.vatBreakdown) {
    y += 12;
    doc.text(`${entry.category.rate.percent.toString().replace(".", ",")}${nbsp}%`, 40, y, {
      lineBreak: false,
    });
    right(amount(entry.taxableAmount), 140, y);
    right(amount(entry.taxAmount), 190, y);
  }
  y += 20;
  doc.font("Bold").text("Règlement", 40, y, { lineBreak: false });
  doc.font("Regular");
  y += 12;
  doc.text(
    `Paiement à ${invoice.paymentTerms.days} jours, échéance le ${frDate(invoice.paymentTerms.dueDate ?? invoice.issueDate)}`,
    40,
    y,
    { lineBreak: false },
  );
  if (invoice.bankAccount) {
    y += 11;
    doc.text("Virement bancaire", 40, y, { lineBreak: false });
    y += 11;
    doc.text(`IBAN ${invoice.bankAccount.iban.replace(/(.{4})(?=.)/g, "$1 ")}`, 40, y, {
      lineBreak: false,
    });
    y += 11;
    doc.text(`BIC ${invoice.bankAccount.bic ?? ""}`, 40, y, { lineBreak: false });
    y += 11;
    doc
      .fontSize(7.5)
      .fillColor(muted)
      .text(`Référence à rappeler : ${invoice.number}`, 40, y, { lineBreak: false });
  }
  let ty = top;
  const totalRows: [string, string, boolean][] = [
    ["Total HT", eur(totals.taxExclusive), false],
    ["Total TVA", eur(totals.taxTotal), false],
    ["Total TTC", eur(totals.taxInclusive), true],
    ["Net à payer", eur(totals.due), true],
  ];
  for (const [label, value, strong] of totalRows) {
    doc
      .font(strong ? "Bold" : "Regular")
      .fontSize(8.5)
      .fillColor(text)
      .text(label, 335, ty, { lineBreak: false });
    right(value, 555, ty);
    ty += 14;
  }

  // Mentions, QR, footer
  y += 20;
  doc.font("Regular").fontSize(7).fillColor(muted);
  for (const mention of [
    "Pas d'escompte pour paiement anticipé.",
    `En cas de retard de paiement, pénalités de retard : ${invoice.paymentTerms.latePenalty}.`,
    `Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : ${eur(invoice.paymentTerms.recoveryIndemnity)} (art. L441-10 et D441-5 du Code de commerce).`,
  ]) {
    doc.text(mention, 40, y, { width: 420 });
    y += mention.length > 120 ? 17 : 9;
  }
  for (const rect of qr({ qr: qrLink, fit: 72, eccLevel: "M" })._canvas) {
    doc.rect(483 + rect.x, top + 110 + rect.y, rect.w, rect.h).fill(rect.color);
  }
  doc.fontSize(7.5).fillColor(muted);
  right("Télécharger cette facture", 555, top + 186);
  doc
    .fontSize(6.5)
    .text(
      `${seller.name} · ${seller.legalForm} au capital de ${eur(seller.shareCapital ?? totals.lineTotal)} · SIRET ${seller.siret} · RCS ${seller.registry?.city} ${seller.siren} · N° TVA intracom. ${seller.vatNumber} · ${seller.address.lines.join(", ")}, ${seller.address.postcode} ${seller.address.city}`,
      40,
      790,
      { width: 460 },
    );
  right("Page 1 / 1", 555, 790);

  const xml = renderFacturXml(invoice);
  doc.file(`data:text/xml;base64,${Buffer.from(xml).toString("base64")}`, {
    name: "factur-x.xml",
    relationship: "Data",
    creationDate: instant,
    modifiedDate: instant,
  });
  doc.end();
  return done;
}
