import { writeFile } from "node:fs/promises";
import { type Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { findAccount } from "@comptoir/accounts";
import {
  applySellerChanges,
  type BuyerDetailsInput,
  closeSharedRenderPool,
  creditInvoice,
  creditReturn,
  findInvoice,
  getInvoiceSettings,
  InvoiceError,
  type InvoiceServices,
  type InvoiceSummary,
  invoiceLink,
  issueInvoice,
  issueInvoices,
  listInvoices,
  parseCreditSelection,
  parseDuration,
  renderInvoicePdf,
  sellerDraftFromHiboutik,
  setLookSettings,
  setNumbering,
  setSellerSettings,
  showInvoice,
} from "@comptoir/invoices";
import { type Look, sampleInvoice, TEMPLATE_IDS } from "@comptoir/templates";
import type { CommandContext } from "../context.ts";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import type { ContextFactory } from "../program.ts";
import { exportInvoices } from "./invoices-export.ts";

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError("expected a date as YYYY-MM-DD");
  }
  return value;
}

function parseSaleId(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError("expected a sale id (a whole number)");
  }
  return Number(value);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const NOT_FOUND_CODES = new Set(["INVOICE_NOT_FOUND", "SALE_NOT_FOUND"]);
const USAGE_CODES = new Set(["INVALID_INPUT", "AMBIGUOUS_INVOICE"]);

/** The invoice verbs' errors as the CLI reports them (message and exit code). */
async function reporting<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvoiceError) {
      const code = NOT_FOUND_CODES.has(error.code)
        ? ExitCode.NotFound
        : USAGE_CODES.has(error.code)
          ? ExitCode.Usage
          : ExitCode.Failure;
      throw new CliError(error.message, code);
    }
    throw error;
  } finally {
    await closeSharedRenderPool();
  }
}

export function publicUrlOf(ctx: CommandContext): string {
  return ctx.config.publicUrl ?? `http://127.0.0.1:${ctx.config.port ?? 3000}`;
}

async function invoiceServices(ctx: CommandContext): Promise<InvoiceServices> {
  return { ...(await ctx.accountServices()), publicUrl: publicUrlOf(ctx) };
}

const money = (value: string) => `${value.replace(".", ",")} €`;

function line(invoice: InvoiceSummary): string {
  const kind = invoice.kind === "credit-note" ? "avoir  " : "facture";
  const sale = invoice.saleId === null ? "" : `  sale ${invoice.saleId}`;
  return `${invoice.number}  ${kind}  ${invoice.issueDate}  ${money(invoice.totalInclVat).padStart(12)}  ${invoice.buyerName}${sale}`;
}

interface BuyerOptions {
  buyerName?: string;
  buyerSiren?: string;
  buyerVat?: string;
  buyerAddress?: string;
  buyerPostcode?: string;
  buyerCity?: string;
  buyerCountry?: string;
  buyerEmail?: string;
  buyerReference?: string;
}

/** `--buyer-…` options → buyer details; undefined when none was given (the sale's customer). */
function buyerOf(options: BuyerOptions): BuyerDetailsInput | undefined {
  const given = Object.entries(options).some(
    ([key, value]) => key.startsWith("buyer") && value !== undefined,
  );
  if (!given) return undefined;
  if (!options.buyerName) {
    throw new CliError(
      "--buyer-name is required with the other --buyer-… options.",
      ExitCode.Usage,
    );
  }
  const lines = options.buyerAddress
    ?.split("|")
    .map((part) => part.trim())
    .filter(Boolean);
  return {
    name: options.buyerName,
    siren: options.buyerSiren,
    vatNumber: options.buyerVat,
    address: lines?.length
      ? {
          lines,
          postcode: options.buyerPostcode,
          city: options.buyerCity,
          countryCode: options.buyerCountry ?? "FR",
        }
      : undefined,
    contact: options.buyerEmail ? { email: options.buyerEmail } : undefined,
    reference: options.buyerReference,
  };
}

/** `key=value` assignments for the look: booleans, numbers, and `#rrggbb` colours as given. */
function applyLookChanges(base: Record<string, unknown>, assignments: readonly string[]) {
  const next = structuredClone(base);
  for (const assignment of assignments) {
    const at = assignment.indexOf("=");
    if (at <= 0) throw new CliError(`"${assignment}" is not key=value`, ExitCode.Usage);
    const path = assignment.slice(0, at).trim().split(".");
    const raw = assignment.slice(at + 1);
    if (path.some((part) => part === "" || part === "__proto__" || part === "constructor")) {
      throw new CliError(`"${assignment}" has no valid key`, ExitCode.Usage);
    }
    const value =
      raw === "true" ? true : raw === "false" ? false : /^\d+$/.test(raw) ? Number(raw) : raw;
    let target = next;
    for (const part of path.slice(0, -1)) {
      if (typeof target[part] !== "object" || target[part] === null) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    const last = path[path.length - 1] ?? "";
    if (raw === "") delete target[last];
    else target[last] = value;
  }
  return next;
}

export function registerInvoiceCommands(program: Command, context: ContextFactory): void {
  const invoices = program
    .command("invoices")
    .description(
      "legal invoices from POS sales: issue, credit, links, export, seller identity, look",
    );

  invoices
    .command("issue")
    .description(
      "issue the invoice of a closed sale (idempotent per sale), or of every sale closed in a period",
    )
    .argument("<account>")
    .option("--sale <id>", "the Hiboutik sale id", parseSaleId)
    .option("--from <date>", "first business day (YYYY-MM-DD)", parseDate)
    .option("--to <date>", "last business day (YYYY-MM-DD)", parseDate)
    .option("--buyer-name <name>", "the buyer (a walk-in customer asking for an invoice)")
    .option("--buyer-siren <siren>", "the buyer's SIREN (French business)")
    .option("--buyer-vat <number>", "the buyer's VAT number (B2B)")
    .option("--buyer-address <lines>", 'street lines, separated by "|"')
    .option("--buyer-postcode <code>")
    .option("--buyer-city <city>")
    .option("--buyer-country <code>", "ISO country code (default FR)")
    .option("--buyer-email <email>")
    .option("--buyer-reference <ref>", "the buyer's order reference (BT-13)")
    .addHelpText(
      "after",
      '\nExamples:\n  comptoir invoices issue boutique --sale 1873\n  comptoir invoices issue boutique --sale 1873 --buyer-name "Atelier Jacquard SARL" --buyer-vat FR13542107651 --buyer-address "3 place des Terreaux" --buyer-postcode 69001 --buyer-city Lyon\n  comptoir invoices issue boutique --from 2026-11-01 --to 2026-11-30',
    )
    .action(async (accountName, options) => {
      const ctx = context("invoices issue");
      const range = options.from !== undefined || options.to !== undefined;
      if ((options.sale !== undefined) === range || (range && (!options.from || !options.to))) {
        throw new CliError("Give --sale ID, or --from DATE and --to DATE.", ExitCode.Usage);
      }
      const buyer = buyerOf(options);
      const services = await invoiceServices(ctx);
      await reporting(() =>
        ctx.withDatabase(async ({ db }) => {
          const account = await findAccount(db, accountName);
          if (options.sale !== undefined) {
            const result = await issueInvoice(db, services, account, {
              saleId: options.sale,
              ...(buyer ? { buyer } : {}),
            });
            for (const glyph of result.missingGlyphs) ctx.logger.warn(`no font can draw ${glyph}`);
            ctx.output.result(result, (r) =>
              r.created
                ? `Issued ${r.invoice.number} for sale ${r.invoice.saleId}: ${money(r.invoice.totalInclVat)} (${r.invoice.buyerName}).`
                : `Sale ${r.invoice.saleId} was invoiced before: ${r.invoice.number} (${money(r.invoice.totalInclVat)}).`,
            );
            return;
          }
          const result = await issueInvoices(db, services, account, {
            from: options.from ?? "",
            to: options.to ?? "",
            ...(buyer ? { buyer } : {}),
          });
          ctx.output.result(result, (r) =>
            [
              `Issued ${r.issued.length} invoice(s), ${r.existing.length} already issued, ${r.failed.length} sale(s) not invoiceable.`,
              ...r.issued.map(line),
              ...r.failed.map((f) => `  sale ${f.saleId}: ${f.message}`),
            ].join("\n"),
          );
        }),
      );
    });

  invoices
    .command("list")
    .description("an account's invoices and credit notes")
    .argument("<account>")
    .option("--from <date>", "issued on or after (YYYY-MM-DD)", parseDate)
    .option("--to <date>", "issued on or before (YYYY-MM-DD)", parseDate)
    .addOption(new Option("--kind <kind>").choices(["invoice", "credit-note"] as const))
    .action(async (accountName, options) => {
      const ctx = context("invoices list");
      const list = await reporting(() =>
        ctx.withDatabase(async ({ db }) =>
          listInvoices(db, await findAccount(db, accountName), options),
        ),
      );
      ctx.output.result(list, (rows) =>
        rows.length === 0
          ? `No invoices yet. Issue one with \`comptoir invoices issue ${accountName} --sale ID\`.`
          : rows.map(line).join("\n"),
      );
    });

  invoices
    .command("show")
    .description("one invoice or credit note: totals, hashes, frozen content, credit notes")
    .argument("<invoice>", "its number (ACCOUNT:NUMBER if several accounts use it) or id")
    .action(async (reference) => {
      const ctx = context("invoices show");
      const shown = await reporting(() => ctx.withDatabase(({ db }) => showInvoice(db, reference)));
      ctx.output.result(shown, (s) =>
        [
          line(s),
          `  excl. VAT ${money(s.totalExclVat)}, VAT ${money(s.totalVat)}, incl. VAT ${money(s.totalInclVat)}, due ${money(s.amountDue)}`,
          `  PDF ${s.pdfBytes} bytes sha256 ${s.pdfSha256}`,
          `  XML ${s.xmlBytes} bytes sha256 ${s.xmlSha256}`,
          ...(s.original ? [`  credits ${s.original.number} of ${s.original.issueDate}`] : []),
          ...s.creditNotes.map((c) => `  credit note ${c.number}: ${money(c.totalInclVat)}`),
        ].join("\n"),
      );
    });

  invoices
    .command("credit")
    .description(
      "issue a credit note (avoir) against an invoice: all of it, some lines, or an amount",
    )
    .argument("<invoice>", "the invoice's number or id")
    .option("--lines <lines>", "line numbers, LINE:QUANTITY for part of a line (e.g. 1,3:2)")
    .option("--amount <euros>", "an amount incl. VAT, spread over the invoice's VAT rates")
    .option("--description <text>", "the line wording of an --amount credit")
    .option(
      "--return-sale <id>",
      "credit what a later POS sale gave back (its negative lines)",
      parseSaleId,
    )
    .option("--reason <text>", "why (printed on the credit note)")
    .action(async (reference, options) => {
      const ctx = context("invoices credit");
      const services = await invoiceServices(ctx);
      const result = await reporting(async () => {
        if (options.returnSale !== undefined) {
          if (options.lines !== undefined || options.amount !== undefined) {
            throw new CliError(
              "--return-sale credits that sale's returns: no --lines or --amount.",
              ExitCode.Usage,
            );
          }
          const saleId = options.returnSale;
          return ctx.withDatabase(({ db }) =>
            creditReturn(db, services, reference, { saleId, reason: options.reason }),
          );
        }
        const selection = parseCreditSelection(options);
        return ctx.withDatabase(({ db }) =>
          creditInvoice(db, services, reference, { selection, reason: options.reason }),
        );
      });
      ctx.output.result(
        result,
        (r) =>
          `Issued credit note ${r.creditNote.number} against ${r.original.number}: ${money(r.creditNote.totalInclVat)}.`,
      );
    });

  invoices
    .command("link")
    .description(
      "print a signed, expiring download link for an invoice (its PDF; .xml for the XML)",
    )
    .argument("<invoice>", "the invoice's number or id")
    .option("--expires <duration>", "how long the link works: 30d, 12h, 2w…", "30d")
    .action(async (reference, options) => {
      const ctx = context("invoices link");
      const ring = await ctx.keyRing();
      const link = await reporting(async () => {
        const expiresIn = parseDuration(options.expires);
        const row = await ctx.withDatabase(({ db }) => findInvoice(db, reference));
        const signed = invoiceLink(ring, row, { publicUrl: publicUrlOf(ctx), expiresIn });
        return {
          number: row.number,
          url: signed.url,
          xmlUrl: `${signed.url}.xml`,
          expiresAt: signed.expiresAt.toISOString(),
        };
      });
      ctx.output.result(
        link,
        (l) => `${l.url}\n(${l.number}, valid until ${l.expiresAt}; XML: ${l.xmlUrl})`,
      );
    });

  invoices
    .command("export")
    .description("write every PDF of a period and a CSV index into a zip file")
    .argument("<account>")
    .requiredOption("--from <date>", "issued on or after (YYYY-MM-DD)", parseDate)
    .requiredOption("--to <date>", "issued on or before (YYYY-MM-DD)", parseDate)
    .requiredOption("--out <file.zip>", "the zip file to write")
    .action(async (accountName, options) => {
      const ctx = context("invoices export");
      const result = await reporting(() =>
        ctx.withDatabase(async ({ db }) =>
          exportInvoices(db, await findAccount(db, accountName), options, options.out),
        ),
      );
      ctx.output.result(
        result,
        (r) =>
          `Wrote ${r.file}: ${r.invoices} invoice(s) and ${r.creditNotes} credit note(s) with index.csv.`,
      );
    });

  invoices
    .command("preview")
    .description("render a sample invoice with the account's current look")
    .argument("<account>")
    .addOption(new Option("--template <id>", "try another template").choices(TEMPLATE_IDS))
    .addOption(new Option("--language <lang>").choices(["fr", "en"] as const))
    .requiredOption("--out <file.pdf>", "the PDF to write")
    .action(async (accountName, options) => {
      const ctx = context("invoices preview");
      const result = await reporting(async () => {
        const settings = await ctx.withDatabase(async ({ db }) =>
          getInvoiceSettings(db, await findAccount(db, accountName)),
        );
        const look: Look = {
          ...settings.look,
          ...(options.template ? { template: options.template } : {}),
        };
        const rendered = await renderInvoicePdf(sampleInvoice(), look, {
          language: options.language ?? look.language,
          qrLink: `${publicUrlOf(ctx)}/invoices/preview`,
        });
        await writeFile(options.out, rendered.pdf);
        return { file: options.out, template: look.template, bytes: rendered.pdf.byteLength };
      });
      ctx.output.result(
        result,
        (r) => `Wrote ${r.file} (${r.template} template, ${r.bytes} bytes).`,
      );
    });

  invoices
    .command("seller")
    .description(
      "show or change the seller identity printed on invoices (prefilled from Hiboutik's store identity)",
    )
    .argument("<account>")
    .option("--set <key=value>", "change a field (repeatable), e.g. shareCapital=10000", collect)
    .addHelpText(
      "after",
      '\nKeys: legalName tradingName legalForm shareCapital siren siret registry.kind registry.city vatNumber\n  vatFranchise vatOnDebits operationNature address.lines ("|" between lines) address.postcode\n  address.city address.countryCode contact.email contact.phone bank.iban bank.bic\n  paymentTerms.days paymentTerms.latePenalty paymentTerms.earlyPaymentDiscount; an empty value removes a key.\n\nExample:\n  comptoir invoices seller boutique --set shareCapital=10000 --set registry.kind=RCS --set registry.city=Lyon',
    )
    .action(async (accountName, options) => {
      const ctx = context("invoices seller");
      const services = await ctx.accountServices();
      const result = await reporting(() =>
        ctx.withDatabase(async ({ db }) => {
          const account = await findAccount(db, accountName);
          const settings = await getInvoiceSettings(db, account);
          const base =
            settings.sellerInput ?? (await sellerDraftFromHiboutik(db, services, account));
          if (!options.set?.length) {
            return {
              saved: settings.sellerInput !== null,
              seller: base,
              issues: settings.sellerInput === null ? [] : settings.sellerIssues,
            };
          }
          const next = applySellerChanges(base, options.set);
          await setSellerSettings(db, account, next);
          return { saved: true, seller: next, issues: [] };
        }),
      );
      ctx.output.result(result, (r) =>
        [
          r.saved
            ? `Seller identity of "${accountName}":`
            : `Not saved yet; prefilled from Hiboutik (complete it with --set key=value):`,
          JSON.stringify(r.seller, null, 2),
          ...r.issues.map((issue) => `  ${issue.path}: ${issue.message}`),
        ].join("\n"),
      );
    });

  invoices
    .command("numbering")
    .description("show or change the number patterns of invoices and credit notes")
    .argument("<account>")
    .option("--invoice-pattern <pattern>", "e.g. F{YYYY}-{seq:6} ({YYYY} {YY} {MM} {DD} {seq:N})")
    .option("--credit-note-pattern <pattern>", "e.g. AV{YYYY}-{seq:6}")
    .addOption(
      new Option("--reset <when>", "when both sequences restart at 1 (fixed once issued)").choices([
        "never",
        "yearly",
        "monthly",
      ] as const),
    )
    .action(async (accountName, options) => {
      const ctx = context("invoices numbering");
      const numbering = await reporting(() =>
        ctx.withDatabase(async ({ db }) => {
          const account = await findAccount(db, accountName);
          const changes = {
            ...(options.invoicePattern ? { invoicePattern: options.invoicePattern } : {}),
            ...(options.creditNotePattern ? { creditNotePattern: options.creditNotePattern } : {}),
            ...(options.reset
              ? { invoiceReset: options.reset, creditNoteReset: options.reset }
              : {}),
          };
          if (Object.keys(changes).length === 0)
            return (await getInvoiceSettings(db, account)).numbering;
          return setNumbering(db, account, changes);
        }),
      );
      ctx.output.result(
        numbering,
        (n) =>
          `Invoices ${n.invoicePattern} (reset ${n.invoiceReset}), credit notes ${n.creditNotePattern} (reset ${n.creditNoteReset}).`,
      );
    });

  invoices
    .command("look")
    .description(
      "show or change how the account's invoices look (template, colours, labels, columns…)",
    )
    .argument("<account>")
    .option("--set <key=value>", "change a setting (repeatable), e.g. template=modern", collect)
    .addHelpText(
      "after",
      '\nExamples:\n  comptoir invoices look boutique --set template=modern --set colors.accent=#8a1538\n  comptoir invoices look boutique --set columns.sku=true --set footer.fr="Merci de votre visite"',
    )
    .action(async (accountName, options) => {
      const ctx = context("invoices look");
      const look = await reporting(() =>
        ctx.withDatabase(async ({ db }) => {
          const account = await findAccount(db, accountName);
          const settings = await getInvoiceSettings(db, account);
          if (!options.set?.length) return settings.lookInput;
          const next = applyLookChanges(settings.lookInput, options.set);
          await setLookSettings(db, account, next);
          return next;
        }),
      );
      ctx.output.result(
        look,
        (l) =>
          `Look of "${accountName}" (defaults apply to the rest):\n${JSON.stringify(l, null, 2)}`,
      );
    });
}
