import { type ClientServices, findAccount, openAccountClient } from "@comptoir/accounts";
import type { Database } from "@comptoir/db";
import {
  closeSharedRenderPool,
  creditInvoice,
  InvoiceError,
  type InvoiceSummary,
  invoiceLink,
  issueInvoice,
  localDate,
  sellerDraftFromHiboutik,
  setSellerSettings,
} from "@comptoir/invoices";

const money = (value: string) => `${value.replace(".", ",")} €`;

/**
 * The demo's invoices: the seller identity prefilled from the simulated shop's receipts and
 * completed (share capital, registry), invoices issued for a few of yesterday's closed sales as
 * `comptoir invoices issue` does, one partial credit note, and a signed download link for each
 * (in the returned one-line detail).
 */
export async function demoInvoices(
  db: Database,
  services: ClientServices,
  options: {
    readonly accountName: string;
    readonly publicUrl: string;
    readonly count?: number;
  },
): Promise<string> {
  const account = await findAccount(db, options.accountName);
  const draft = await sellerDraftFromHiboutik(db, services, account);
  await setSellerSettings(db, account, {
    ...draft,
    shareCapital: "20000",
    registry: { kind: "RCS", city: "Lyon" },
    paymentTerms: { days: 30 },
  });
  const invoiceServices = { ...services, publicUrl: options.publicUrl };
  const { client, usage } = await openAccountClient(db, services, account);
  const yesterday = localDate(new Date(Date.now() - 86_400_000));
  const saleIds: number[] = [];
  try {
    for await (const sale of client.sales.closed(1, yesterday).values()) saleIds.push(sale.id);
  } finally {
    await usage.flush(db);
  }
  const issued: InvoiceSummary[] = [];
  try {
    for (const saleId of saleIds) {
      if (issued.length === (options.count ?? 3)) break;
      try {
        issued.push((await issueInvoice(db, invoiceServices, account, { saleId })).invoice);
      } catch (error) {
        // A refund or an exchange is not invoiced as such: try the next sale.
        if (!(error instanceof InvoiceError) || error.code !== "CANNOT_INVOICE") throw error;
      }
    }
    const [credited] = issued;
    const credit = credited
      ? await creditInvoice(db, invoiceServices, credited.id, {
          selection: { kind: "lines", lines: [{ lineId: "1" }] },
          reason: "Retour d'un article (démo)",
        })
      : undefined;
    const documents = [...issued, ...(credit ? [credit.creditNote] : [])];
    const links = documents.map(
      (document) =>
        `${document.number} ${invoiceLink(services.ring, document, { publicUrl: options.publicUrl }).url}`,
    );
    const list = issued.map((i) => `${i.number} ${money(i.totalInclVat)}`).join(", ");
    return (
      `${issued.length} invoices issued for sales of ${yesterday} (${list})` +
      (credit
        ? `, credit note ${credit.creditNote.number} ${money(credit.creditNote.totalInclVat)} against ${credit.original.number}`
        : "") +
      `; PDF/A-3 with Factur-X; signed download links (30 days): ${links.join(" ")}`
    );
  } finally {
    await closeSharedRenderPool();
  }
}
