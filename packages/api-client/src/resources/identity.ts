import { z } from "zod";
import { textField } from "../parse/text.ts";
import type { CallOptions, ResourceContext } from "./context.ts";
import type { salesResource } from "./sales.ts";
import type { Store, storesResource } from "./stores.ts";

/**
 * The seller's legal identity as Hiboutik prints it on receipts (`store_address` of a sale).
 * It is the only place the API exposes it; `GET /stores` does not.
 */
export interface SellerIdentity {
  readonly company: string | null;
  readonly address: string | null;
  readonly zipCode: string | null;
  readonly city: string | null;
  /** ISO alpha-3 in real samples ("FRA"); alpha-2 also occurs. */
  readonly country: string | null;
  /** Intra-EU VAT number. */
  readonly vatNumber: string | null;
  /** SIRET in France. */
  readonly companyNumber: string | null;
  readonly legalStatus: string | null;
  readonly nafCode: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly iban: string | null;
}

export const storeAddressSchema = z.object({
  company: textField,
  address: textField,
  zippostal_code: textField,
  zip_code: textField,
  city: textField,
  country: textField,
  tax_number: textField,
  company_number: textField,
  legal_status: textField,
  code_naf: textField,
  email: textField,
  phone: textField,
  iban: textField,
});

/** Null when the object is empty (`{}` or only blanks). */
export function toSellerIdentity(wire: z.output<typeof storeAddressSchema>): SellerIdentity | null {
  if (Object.values(wire).every((value) => value === null || value === undefined)) return null;
  return {
    company: wire.company,
    address: wire.address,
    zipCode: wire.zippostal_code ?? wire.zip_code,
    city: wire.city,
    country: wire.country,
    vatNumber: wire.tax_number,
    companyNumber: wire.company_number,
    legalStatus: wire.legal_status,
    nafCode: wire.code_naf,
    email: wire.email,
    phone: wire.phone,
    iban: wire.iban,
  };
}

/** What the API tells about a store and the business behind it. */
export interface StoreIdentity {
  readonly store: Store;
  /** From the most recent closed sale found; null when none was found in the look-back window. */
  readonly seller: SellerIdentity | null;
  readonly logoUrl: string | null;
  /** The sale the seller identity was read from. */
  readonly fromSaleId: number | null;
}

export interface StoreIdentityOptions extends CallOptions {
  /** Days to walk back (from today in the store's time zone) to find a closed sale; default 7. */
  readonly lookbackDays?: number;
}

/**
 * Hiboutik exposes the seller's legal identity only inside sales (`store_address`), so it is
 * read from the store's latest closed sale. Costs 1 + (days walked) + 1 calls: cache the result.
 */
export function identityResource(
  context: ResourceContext,
  stores: ReturnType<typeof storesResource>,
  sales: ReturnType<typeof salesResource>,
) {
  return {
    async ofStore(storeId: number, options: StoreIdentityOptions = {}): Promise<StoreIdentity> {
      const lookbackDays = options.lookbackDays ?? 7;
      if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > 366) {
        throw new RangeError(
          `lookbackDays must be a whole number from 1 to 366, got ${lookbackDays}`,
        );
      }
      const store = await stores.get(storeId, options);
      for (let back = 0; back < lookbackDays; back++) {
        const day = localDay(context.now() - back * 86_400_000, store.timeZone);
        let latest: number | null = null;
        for await (const summary of sales.closed(storeId, day, options).values()) {
          latest = Math.max(latest ?? 0, summary.id);
        }
        if (latest === null) continue;
        const sale = await sales.get(latest, options);
        return { store, seller: sale.seller, logoUrl: sale.logoUrl, fromSaleId: sale.id };
      }
      return { store, seller: null, logoUrl: null, fromSaleId: null };
    },
  };
}

/** "YYYY-MM-DD" of an instant in a time zone (UTC when the zone is unknown or invalid). */
function localDay(epochMs: number, timeZone: string | null): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(epochMs);
  try {
    return format(timeZone ?? "UTC");
  } catch {
    return format("UTC");
  }
}
