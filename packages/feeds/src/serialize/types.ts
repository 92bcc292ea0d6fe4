import type { CellValue } from "../profiles/render.ts";

export type Row = readonly CellValue[];

/**
 * Turns rows into file text in pieces: a header, any number of row batches, a footer.
 * Pure string in, string out, so the same rows always give the same bytes.
 */
export interface Serializer {
  header(): string;
  rows(batch: readonly Row[]): string;
  footer(): string;
}
