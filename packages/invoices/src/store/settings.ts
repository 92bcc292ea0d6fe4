import { type ClientServices, openAccountClient } from "@comptoir/accounts";
import { type Database, type DatabaseOrTransaction, schema } from "@comptoir/db";
import { type Look, parseLook } from "@comptoir/templates";
import { and, eq } from "drizzle-orm";
import { sellerSettingsFromHiboutik } from "../identity/from-hiboutik.ts";
import {
  type FieldIssue,
  parseSellerSettings,
  type SellerSettings,
} from "../identity/seller-settings.ts";
import { parseNumberPattern, type SequenceReset } from "../numbering/pattern.ts";
import { InvoiceError } from "./errors.ts";

type Json = Record<string, unknown>;

export interface Numbering {
  readonly invoicePattern: string;
  readonly invoiceReset: SequenceReset;
  readonly creditNotePattern: string;
  readonly creditNoteReset: SequenceReset;
}

export interface InvoiceSettings {
  /** The seller settings as saved (null: never set). */
  readonly sellerInput: Json | null;
  /** The saved settings once validated; null when unset or no longer valid. */
  readonly seller: SellerSettings | null;
  readonly sellerIssues: readonly FieldIssue[];
  readonly lookInput: Json;
  readonly look: Look;
  readonly numbering: Numbering;
}

const DEFAULT_NUMBERING: Numbering = {
  invoicePattern: "F{YYYY}-{seq:6}",
  invoiceReset: "yearly",
  creditNotePattern: "AV{YYYY}-{seq:6}",
  creditNoteReset: "yearly",
};

async function settingsRow(db: DatabaseOrTransaction, accountId: string) {
  const [row] = await db
    .select()
    .from(schema.invoiceSettings)
    .where(eq(schema.invoiceSettings.accountId, accountId));
  return row;
}

function lookOf(input: unknown): Look {
  const parsed = parseLook(input);
  if (!parsed.ok) {
    throw new InvoiceError("INVALID_LOOK", "the saved invoice look is invalid", parsed.issues);
  }
  return parsed.value;
}

export async function getInvoiceSettings(
  db: DatabaseOrTransaction,
  account: schema.Account,
): Promise<InvoiceSettings> {
  const row = await settingsRow(db, account.id);
  const sellerInput = (row?.seller as Json | null | undefined) ?? null;
  const parsed = sellerInput === null ? null : parseSellerSettings(sellerInput);
  const lookInput = (row?.look as Json | undefined) ?? {};
  return {
    sellerInput,
    seller: parsed?.ok ? parsed.value : null,
    sellerIssues: parsed && !parsed.ok ? parsed.issues : [],
    lookInput,
    look: lookOf(lookInput),
    numbering: row
      ? {
          invoicePattern: row.invoicePattern,
          invoiceReset: row.invoiceReset,
          creditNotePattern: row.creditNotePattern,
          creditNoteReset: row.creditNoteReset,
        }
      : DEFAULT_NUMBERING,
  };
}

/** The seller settings an issuance needs, or a clear error saying how to set them. */
export function requireSeller(account: schema.Account, settings: InvoiceSettings): SellerSettings {
  if (settings.seller) return settings.seller;
  const how = `set it with \`comptoir invoices seller ${account.name} --set key=value …\``;
  if (settings.sellerInput === null) {
    throw new InvoiceError(
      "SELLER_NOT_SET",
      `account "${account.name}" has no seller identity for its invoices yet: ${how}`,
    );
  }
  throw new InvoiceError(
    "SELLER_NOT_SET",
    `the seller identity of account "${account.name}" is incomplete: ${settings.sellerIssues
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join("; ")}; ${how}`,
    settings.sellerIssues,
  );
}

async function upsertSettings(
  db: DatabaseOrTransaction,
  accountId: string,
  values: Partial<typeof schema.invoiceSettings.$inferInsert>,
) {
  await db
    .insert(schema.invoiceSettings)
    .values({ accountId, ...values })
    .onConflictDoUpdate({ target: schema.invoiceSettings.accountId, set: values });
}

/** Saves the seller identity after validating all of it; every problem is reported at once. */
export async function setSellerSettings(
  db: DatabaseOrTransaction,
  account: schema.Account,
  input: Json,
): Promise<SellerSettings> {
  const parsed = parseSellerSettings(input);
  if (!parsed.ok) {
    throw new InvoiceError(
      "INVALID_SELLER",
      `the seller identity is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      parsed.issues,
    );
  }
  await upsertSettings(db, account.id, { seller: input });
  return parsed.value;
}

/** Saves the look after validating it (`lookSchema`). */
export async function setLookSettings(
  db: DatabaseOrTransaction,
  account: schema.Account,
  input: Json,
): Promise<Look> {
  const parsed = parseLook(input);
  if (!parsed.ok) {
    throw new InvoiceError(
      "INVALID_LOOK",
      `the invoice look is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      parsed.issues,
    );
  }
  await upsertSettings(db, account.id, { look: input });
  return parsed.value;
}

/** Changes the number patterns; a pattern that could repeat or exceed 35 characters is refused. */
export async function setNumbering(
  db: DatabaseOrTransaction,
  account: schema.Account,
  changes: Partial<Numbering>,
): Promise<Numbering> {
  const next = { ...(await getInvoiceSettings(db, account)).numbering, ...changes };
  const issues: FieldIssue[] = [];
  for (const [pattern, reset, path] of [
    [next.invoicePattern, next.invoiceReset, "invoicePattern"],
    [next.creditNotePattern, next.creditNoteReset, "creditNotePattern"],
  ] as const) {
    try {
      parseNumberPattern(pattern, { reset });
    } catch (error) {
      issues.push({ path, message: (error as Error).message });
    }
  }
  const current = (await getInvoiceSettings(db, account)).numbering;
  for (const [kind, before, after, path] of [
    ["invoice", current.invoiceReset, next.invoiceReset, "invoiceReset"],
    ["credit-note", current.creditNoteReset, next.creditNoteReset, "creditNoteReset"],
  ] as const) {
    if (before === after) continue;
    // Another reset means other counters: numbers already issued could come round again.
    const [issued] = await db
      .select({ id: schema.invoices.id })
      .from(schema.invoices)
      .where(and(eq(schema.invoices.accountId, account.id), eq(schema.invoices.kind, kind)))
      .limit(1);
    if (issued) {
      issues.push({
        path,
        message: `the ${kind} series has issued documents: its reset stays "${before}" (change the pattern's prefix instead)`,
      });
    }
  }
  if (issues.length > 0) {
    throw new InvoiceError(
      "INVALID_NUMBERING",
      issues.map((issue) => issue.message).join("; "),
      issues,
    );
  }
  await upsertSettings(db, account.id, next);
  return next;
}

/**
 * A starting point for the seller identity: what Hiboutik prints on the store's receipts (read
 * from its latest closed sale, a few API calls). The shop completes it (share capital, registry…).
 */
export async function sellerDraftFromHiboutik(
  db: Database,
  services: ClientServices,
  account: schema.Account,
): Promise<Json> {
  const { client, usage } = await openAccountClient(db, services, account);
  try {
    const stores = await client.stores.list().collect();
    for (const store of stores.values) {
      const identity = await client.identity.ofStore(store.id);
      if (identity.seller)
        return JSON.parse(JSON.stringify(sellerSettingsFromHiboutik(identity.seller)));
    }
    return {};
  } finally {
    await usage.flush(db);
  }
}

const BOOLEAN_KEYS = new Set(["vatFranchise", "vatOnDebits"]);
const NUMBER_KEYS = new Set(["paymentTerms.days"]);

/**
 * Applies `key=value` changes (dotted paths: `shareCapital=10000`, `registry.city=Lyon`,
 * `address.lines=12 rue X|Bât. B`) to seller settings; an empty value removes the key.
 */
export function applySellerChanges(base: Json, assignments: readonly string[]): Json {
  const next = structuredClone(base);
  for (const assignment of assignments) {
    const at = assignment.indexOf("=");
    if (at <= 0) {
      throw new InvoiceError(
        "INVALID_INPUT",
        `"${assignment}" is not key=value (e.g. shareCapital=10000)`,
      );
    }
    const key = assignment.slice(0, at).trim();
    const raw = assignment.slice(at + 1).trim();
    const path = key.split(".");
    if (path.some((part) => part === "" || part === "__proto__" || part === "constructor")) {
      throw new InvoiceError("INVALID_INPUT", `"${key}" is not a settings key`);
    }
    let value: unknown = raw;
    if (BOOLEAN_KEYS.has(key)) {
      if (raw !== "true" && raw !== "false") {
        throw new InvoiceError("INVALID_INPUT", `${key} is true or false, not "${raw}"`);
      }
      value = raw === "true";
    } else if (NUMBER_KEYS.has(key)) value = raw === "" ? undefined : Number(raw);
    else if (key === "address.lines") value = raw.split("|").map((line) => line.trim());
    let target = next;
    for (const part of path.slice(0, -1)) {
      const child = target[part];
      if (typeof child !== "object" || child === null || Array.isArray(child)) target[part] = {};
      target = target[part] as Json;
    }
    const last = path[path.length - 1] ?? key;
    if (raw === "") delete target[last];
    else target[last] = value;
  }
  return next;
}
