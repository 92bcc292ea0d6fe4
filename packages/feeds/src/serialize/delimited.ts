import { stringify } from "csv-stringify/sync";
import type { CellValue } from "../profiles/render.ts";
import type { ColumnSpec, DelimitedOptions } from "../profiles/types.ts";
import type { Row, Serializer } from "./types.ts";

const FORMULA_START = /^[=+\-@\t\r]/;
const LINE_BREAKS_AND_TABS = /[\t\r\n]+/g;

/**
 * CSV/TSV through csv-stringify: one header row, RFC 4180 quoting where needed (or none for
 * Microsoft), LF line endings, no BOM, repeated values joined by the column's separator.
 */
export function createDelimitedSerializer(
  columns: readonly ColumnSpec[],
  options: DelimitedOptions,
): Serializer {
  const stringifyOptions = {
    delimiter: options.delimiter,
    record_delimiter: "unix" as const,
    ...(options.quoting === "never" ? { quote: false as const } : {}),
  };
  const separators = columns.map((column) => column.multi?.separator ?? ",");
  const cell = (value: CellValue, index: number): string => {
    let text =
      value === undefined ? "" : typeof value === "string" ? value : value.join(separators[index]);
    // Text is already whitespace-collapsed; this guards constants and keeps T05 true by construction.
    if (options.quoting === "never") text = text.replace(LINE_BREAKS_AND_TABS, " ");
    if (options.neutraliseFormulas && FORMULA_START.test(text)) text = `'${text}`;
    return text;
  };
  return {
    header: () => stringify([columns.map((column) => column.name)], stringifyOptions),
    rows: (batch: readonly Row[]) =>
      batch.length === 0
        ? ""
        : stringify(
            batch.map((row) => row.map(cell)),
            stringifyOptions,
          ),
    footer: () => "",
  };
}

/** For CSV files people open in spreadsheets (audit exports): formulas neutralised (T09). */
export function peopleCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const guard = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
  return stringify([header.map(guard), ...rows.map((row) => row.map(guard))], {
    record_delimiter: "unix",
  });
}
