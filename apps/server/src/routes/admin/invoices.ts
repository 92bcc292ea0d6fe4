import { AccountError, findAccount } from "@comptoir/accounts";
import {
  type CreditSelection,
  creditInvoice,
  creditReturn,
  findInvoice,
  InvoiceError,
  type InvoiceErrorCode,
  type InvoiceServices,
  type InvoiceSummary,
  invoiceLink,
  issueInvoice,
  issueInvoices,
  listInvoices,
  parseCreditSelection,
  parseDuration,
  showInvoice,
} from "@comptoir/invoices";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type App, validationHook } from "../../app.ts";
import { ApiError, type ErrorCode } from "../../errors.ts";
import { type AdminEnv, requireScope } from "../../middleware/admin-auth.ts";
import { adminErrorResponses, errorSchema, notFoundResponse } from "../../schemas.ts";

const money = z.string().openapi({ example: "79.50" });

const invoiceSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    kind: z.enum(["invoice", "credit-note"]),
    number: z.string().openapi({ example: "F2026-000042" }),
    issueDate: z.string().openapi({ example: "2026-11-20" }),
    saleId: z.number().int().nullable(),
    originalInvoiceId: z.uuid().nullable(),
    buyerName: z.string(),
    totalExclVat: money,
    totalVat: money,
    totalInclVat: money,
    amountDue: money,
    pdfSha256: z.string(),
    xmlSha256: z.string(),
    createdAt: z.string(),
  })
  .openapi("Invoice");

const invoiceDetailSchema = invoiceSchema
  .extend({
    pdfBytes: z.number().int(),
    xmlBytes: z.number().int(),
    snapshot: z.unknown().openapi({ description: "The frozen EN 16931-shaped invoice" }),
    creditNotes: z.array(invoiceSchema),
    original: invoiceSchema.nullable(),
  })
  .openapi("InvoiceDetail");

const buyerSchema = z
  .object({
    name: z.string(),
    siren: z.string().optional(),
    vatNumber: z.string().optional(),
    address: z
      .object({
        lines: z.array(z.string()),
        postcode: z.string().optional(),
        city: z.string().optional(),
        countryCode: z.string().optional(),
      })
      .optional(),
    contact: z.object({ email: z.string().optional(), phone: z.string().optional() }).optional(),
    reference: z.string().optional(),
  })
  .openapi("Buyer");

const issueBody = z
  .object({
    account: z.string().openapi({ example: "boutique" }),
    saleId: z.number().int().positive().optional(),
    from: z.string().optional().openapi({ example: "2026-11-01" }),
    to: z.string().optional().openapi({ example: "2026-11-30" }),
    buyer: buyerSchema.optional(),
  })
  .refine((body) => (body.saleId === undefined) !== (body.from === undefined), {
    message: "give saleId, or from and to",
  })
  .refine((body) => (body.from === undefined) === (body.to === undefined), {
    message: "from and to go together",
  })
  .openapi("IssueInvoices");

const creditBody = z
  .object({
    lines: z.array(z.object({ lineId: z.string(), quantity: z.string().optional() })).optional(),
    amount: money.optional(),
    description: z.string().optional(),
    returnSaleId: z.number().int().positive().optional().openapi({
      description: "Credit what this later POS sale gave back (its negative lines)",
    }),
    reason: z.string().optional(),
  })
  .openapi("CreditInvoice");

const linkBody = z
  .object({ expiresIn: z.string().optional().openapi({ example: "30d" }) })
  .openapi("InvoiceLinkRequest");

const idParam = z.object({
  invoice: z.string().openapi({
    param: { name: "invoice", in: "path" },
    description: "The invoice id, or its number (ACCOUNT:NUMBER when several accounts use it)",
  }),
});

const INVOICE_ERRORS: Record<InvoiceErrorCode, ErrorCode> = {
  INVOICE_NOT_FOUND: "NOT_FOUND",
  AMBIGUOUS_INVOICE: "CONFLICT",
  SALE_NOT_FOUND: "NOT_FOUND",
  SELLER_NOT_SET: "UNPROCESSABLE",
  INVALID_SELLER: "BAD_REQUEST",
  INVALID_LOOK: "BAD_REQUEST",
  INVALID_NUMBERING: "BAD_REQUEST",
  INVALID_INPUT: "BAD_REQUEST",
  CANNOT_INVOICE: "UNPROCESSABLE",
  INVALID_CREDIT: "UNPROCESSABLE",
  RENDER_FAILED: "INTERNAL",
};

async function mapErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvoiceError) {
      throw new ApiError(INVOICE_ERRORS[error.code], error.message, {
        details: error.details,
        cause: error,
      });
    }
    if (error instanceof AccountError && error.code === "ACCOUNT_NOT_FOUND") {
      throw new ApiError("NOT_FOUND", error.message, { cause: error });
    }
    throw error;
  }
}

const json = <T extends InvoiceSummary>(invoice: T) => ({
  ...invoice,
  createdAt: invoice.createdAt.toISOString(),
});

function publicUrl(c: Context<AdminEnv>): string {
  return c.get("deps").config.publicUrl ?? new URL(c.req.url).origin;
}

function services(c: Context<AdminEnv>): InvoiceServices {
  return { ...c.get("deps").accountServices, publicUrl: publicUrl(c) };
}

const unprocessable = {
  422: {
    description: "The sale or invoice cannot be issued or credited as asked",
    content: { "application/json": { schema: errorSchema } },
  },
} as const;

/** `/api/v1/invoices`: issue, list, show, credit, and sign download links. */
export function registerAdminInvoiceRoutes(app: App): void {
  const router = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  router.openapi(
    createRoute({
      method: "post",
      path: "/invoices",
      summary: "Issue the invoice of a closed sale, or of every sale closed in a date range",
      description:
        "Idempotent per sale: a sale invoiced before returns its invoice (200). Numbers are gapless; a failure consumes none.",
      tags: ["invoices"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: { body: { content: { "application/json": { schema: issueBody } }, required: true } },
      responses: {
        200: {
          description: "Already issued, or a range",
          content: {
            "application/json": {
              schema: z.object({
                issued: z.array(invoiceSchema),
                existing: z.array(invoiceSchema),
                failed: z.array(
                  z.object({ saleId: z.number(), code: z.string(), message: z.string() }),
                ),
              }),
            },
          },
        },
        201: { description: "Issued", content: { "application/json": { schema: invoiceSchema } } },
        ...adminErrorResponses,
        ...notFoundResponse,
        ...unprocessable,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { db } = c.get("deps");
      const account = await mapErrors(() => findAccount(db, body.account));
      const buyer = body.buyer ? { buyer: body.buyer } : {};
      if (body.saleId !== undefined) {
        const saleId = body.saleId;
        const result = await mapErrors(() =>
          issueInvoice(db, services(c), account, { saleId, ...buyer }),
        );
        if (result.created) return c.json(json(result.invoice), 201);
        return c.json({ issued: [], existing: [json(result.invoice)], failed: [] }, 200);
      }
      const range = await mapErrors(() =>
        issueInvoices(db, services(c), account, {
          from: body.from ?? "",
          to: body.to ?? "",
          ...buyer,
        }),
      );
      return c.json(
        {
          issued: range.issued.map(json),
          existing: range.existing.map(json),
          failed: [...range.failed],
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/invoices",
      summary: "List an account's invoices and credit notes",
      tags: ["invoices"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("read")] as const,
      request: {
        query: z.object({
          account: z.string(),
          from: z.string().optional(),
          to: z.string().optional(),
          kind: z.enum(["invoice", "credit-note"]).optional(),
        }),
      },
      responses: {
        200: {
          description: "Invoices by issue date",
          content: {
            "application/json": { schema: z.object({ invoices: z.array(invoiceSchema) }) },
          },
        },
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const { db } = c.get("deps");
      const invoices = await mapErrors(async () =>
        listInvoices(db, await findAccount(db, query.account), query),
      );
      return c.json({ invoices: invoices.map(json) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/invoices/{invoice}",
      summary: "Show an invoice or credit note with its frozen content",
      tags: ["invoices"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("read")] as const,
      request: { params: idParam },
      responses: {
        200: {
          description: "The document",
          content: { "application/json": { schema: invoiceDetailSchema } },
        },
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const shown = await mapErrors(() =>
        showInvoice(c.get("deps").db, c.req.valid("param").invoice),
      );
      return c.json(
        {
          ...json(shown),
          creditNotes: shown.creditNotes.map(json),
          original: shown.original ? json(shown.original) : null,
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/invoices/{invoice}/credit-notes",
      summary: "Issue a credit note (type 381) for all, some lines, or an amount of an invoice",
      tags: ["invoices"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: {
        params: idParam,
        body: { content: { "application/json": { schema: creditBody } }, required: false },
      },
      responses: {
        201: {
          description: "Issued",
          content: { "application/json": { schema: invoiceSchema } },
        },
        ...adminErrorResponses,
        ...notFoundResponse,
        ...unprocessable,
      },
    }),
    async (c) => {
      const body = c.req.valid("json") ?? {};
      if (body.lines && body.amount) {
        throw new ApiError("BAD_REQUEST", "Give lines or an amount, not both.");
      }
      const selection: CreditSelection = body.lines
        ? { kind: "lines", lines: body.lines }
        : await mapErrors(async () =>
            parseCreditSelection({ amount: body.amount, description: body.description }),
          );
      const reference = c.req.valid("param").invoice;
      if (body.returnSaleId !== undefined) {
        if (body.lines || body.amount) {
          throw new ApiError(
            "BAD_REQUEST",
            "A return credits that sale's returns: no lines or amount.",
          );
        }
        const saleId = body.returnSaleId;
        const returned = await mapErrors(() =>
          creditReturn(c.get("deps").db, services(c), reference, { saleId, reason: body.reason }),
        );
        return c.json(json(returned.creditNote), 201);
      }
      const result = await mapErrors(() =>
        creditInvoice(c.get("deps").db, services(c), reference, {
          selection,
          ...(body.reason ? { reason: body.reason } : {}),
        }),
      );
      return c.json(json(result.creditNote), 201);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/invoices/{invoice}/links",
      summary: "Sign an expiring download link for an invoice (PDF; add .xml for its XML)",
      tags: ["invoices"],
      security: [{ adminKey: [] }],
      middleware: [requireScope("write")] as const,
      request: {
        params: idParam,
        body: { content: { "application/json": { schema: linkBody } }, required: false },
      },
      responses: {
        201: {
          description: "The link",
          content: {
            "application/json": {
              schema: z
                .object({
                  url: z.string(),
                  xmlUrl: z.string(),
                  expiresAt: z.string(),
                  number: z.string(),
                })
                .openapi("InvoiceLink"),
            },
          },
        },
        ...adminErrorResponses,
        ...notFoundResponse,
      },
    }),
    async (c) => {
      const body = c.req.valid("json") ?? {};
      const { db, accountServices } = c.get("deps");
      const link = await mapErrors(async () => {
        const row = await findInvoice(db, c.req.valid("param").invoice);
        const signed = invoiceLink(accountServices.ring, row, {
          publicUrl: publicUrl(c),
          expiresIn: parseDuration(body.expiresIn ?? "30d"),
        });
        return { ...signed, number: row.number };
      });
      return c.json(
        {
          url: link.url,
          xmlUrl: `${link.url}.xml`,
          expiresAt: link.expiresAt.toISOString(),
          number: link.number,
        },
        201,
      );
    },
  );

  app.route("/api/v1", router);
}
