import type { Look, MissingGlyph } from "@comptoir/templates";
import type { RenderOptions } from "./render-here.ts";

/** Messages between the pool and its workers. Invoices travel as snapshots (exact decimals). */
export interface RenderRequest {
  readonly id: number;
  readonly snapshot: string;
  readonly look: Look;
  readonly options: RenderOptions;
}

export type RenderReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly pdf: Uint8Array;
      readonly xml: string;
      readonly missingGlyphs: readonly MissingGlyph[];
    }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: {
        readonly name: string;
        readonly message: string;
        readonly missingGlyphs?: readonly MissingGlyph[];
      };
    };
