import type { Reference } from "../data/reference.ts";

/** What the wire builders need besides the record itself. */
export interface WireContext {
  readonly reference: Reference;
  readonly account: string;
  /** Origin used in absolute URLs inside payloads (images, logo, receipts). */
  readonly publicBaseUrl: string;
}

/** A JSON object as sent on the wire. */
export type WireRecord = Record<string, unknown>;
