import { z } from "zod";
import { FONT_IDS } from "../fonts/families.ts";
import { LABEL_KEYS, type LabelKey } from "../labels/keys.ts";
import { LOGO_PROBLEMS, logoProblem } from "./logo.ts";

export const TEMPLATE_IDS = ["classic", "modern"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

const colour = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is "#rrggbb", e.g. "#1f4e79"')
    .transform((value) => value.toLowerCase())
    .default(fallback);

const labelOverrides = z
  .object(
    Object.fromEntries(
      LABEL_KEYS.map((key) => [key, z.string().max(300, "300 characters at most").optional()]),
    ) as Record<LabelKey, z.ZodOptional<z.ZodString>>,
  )
  .strict()
  .prefault({});

const perLanguage = <T extends z.ZodType>(schema: T) =>
  z.object({ fr: schema.optional(), en: schema.optional() }).strict().prefault({});

/**
 * How an account's invoices look, editable without code and stored as validated settings. Every
 * field has a default, so `{}` is a valid look.
 */
export const lookSchema = z
  .object({
    template: z
      .enum(TEMPLATE_IDS, { error: `the template is one of: ${TEMPLATE_IDS.join(", ")}` })
      .default("classic"),
    /** The account's document language when the caller does not pick one. */
    language: z.enum(["fr", "en"], { error: 'the language is "fr" or "en"' }).default("fr"),
    logo: z
      .string()
      .superRefine((value, context) => {
        const problem = logoProblem(value);
        if (problem) context.addIssue({ code: "custom", message: LOGO_PROBLEMS[problem] });
      })
      .optional(),
    /** Logo width on the page, in points. */
    logoWidth: z
      .number()
      .int()
      .min(30, "30 points at least")
      .max(220, "220 points at most")
      .default(110),
    colors: z
      .object({
        accent: colour("#1f4e79"),
        text: colour("#1f2328"),
        muted: colour("#6b7280"),
      })
      .strict()
      .prefault({}),
    font: z
      .enum(FONT_IDS, { error: `the font is one of: ${FONT_IDS.join(", ")}` })
      .default("dejavu-sans"),
    columns: z
      .object({
        unit: z.boolean().default(false),
        discount: z.boolean().default(true),
        sku: z.boolean().default(false),
        barcode: z.boolean().default(false),
        grossAmount: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    blocks: z
      .object({
        paymentDetails: z.boolean().default(true),
        notes: z.boolean().default(true),
        qrCode: z.boolean().default(true),
        saleReference: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    labels: perLanguage(labelOverrides),
    footer: perLanguage(z.string().trim().max(500, "500 characters at most")),
  })
  .strict();

export type LookInput = z.input<typeof lookSchema>;
export type Look = z.output<typeof lookSchema>;

export interface LookIssue {
  readonly path: string;
  readonly message: string;
}

export type LookResult =
  | { readonly ok: true; readonly value: Look }
  | { readonly ok: false; readonly issues: readonly LookIssue[] };

/** Validates an account's look; every problem comes back at once, with its field. */
export function parseLook(input: unknown): LookResult {
  const result = lookSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    })),
  };
}

/** The look of an account that changed nothing. */
export const DEFAULT_LOOK: Look = lookSchema.parse({});
