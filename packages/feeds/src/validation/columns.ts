import type { FeedItem } from "../model/item.ts";
import {
  type CellGetter,
  type CellValue,
  cellGetter,
  type RenderContext,
  type StoreRow,
} from "../profiles/render.ts";
import type { ColumnSpec } from "../profiles/types.ts";
import { charLength, truncateText } from "../text/clean.ts";
import { type Finding, finding } from "./rules.ts";

/**
 * Generic checks driven by the profile's column declarations: required values, length limits
 * (free text is shortened with a warning, identifiers are errors), enumerations and the cap on
 * repeated values. Returns the cells to write (possibly shortened).
 */
export function applyColumnRules(
  context: RenderContext,
  cells: readonly CellValue[],
  findings: Finding[],
): CellValue[] {
  const out: CellValue[] = cells.slice();
  const columns = context.columns;
  for (let index = 0; index < columns.length; index++) {
    const column = columns[index];
    if (column !== undefined) out[index] = checkCell(column, out[index], findings);
  }
  return out;
}

/**
 * `applyColumnRules(context, renderCells(context, item, store), findings)` compiled once per
 * run: the getters are chosen up front and each cell is checked as it is read, with one array
 * per row instead of two and no dispatch on the column's value per cell.
 */
export function compileColumnRules(
  context: RenderContext,
): (item: FeedItem, store: StoreRow | undefined, findings: Finding[]) => CellValue[] {
  const columns = context.columns;
  const getters = columns.map((column) => cellGetter(column.value, context));
  const count = columns.length;
  return (item, store, findings) => {
    // Sized once: pushing 25 cells would grow the array several times per row.
    const out = new Array<CellValue>(count);
    for (let index = 0; index < count; index++) {
      const column = columns[index] as ColumnSpec;
      const getter = getters[index] as CellGetter;
      out[index] = checkCell(column, getter(item, store), findings);
    }
    return out;
  };
}

/** One cell through its column's rules: the value to write (undefined when empty). */
function checkCell(column: ColumnSpec, value: CellValue, findings: Finding[]): CellValue {
  const empty = value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
  if (empty) {
    if (column.required)
      findings.push(finding(column.rule, column.name, `${column.name} is required`));
    return undefined;
  }
  if (typeof value !== "string") return checkList(column, value, findings);
  let out: CellValue = value;
  if (column.maxLength !== undefined && value.length > column.maxLength) {
    const length = charLength(value);
    if (length > column.maxLength) {
      if (column.overflow === "truncate") {
        out = truncateText(value, column.maxLength);
        findings.push(
          finding(
            column.rule,
            column.name,
            `${column.name} shortened from ${length} to ${column.maxLength} characters`,
            {
              severity: "warning",
            },
          ),
        );
      } else {
        findings.push(
          finding(
            column.rule,
            column.name,
            `${column.name} has ${length} characters (limit ${column.maxLength})`,
            {
              value,
            },
          ),
        );
      }
    }
  }
  if (column.allowed !== undefined && !column.allowed.includes(value)) {
    findings.push(
      finding(
        column.rule,
        column.name,
        `${column.name} must be one of ${column.allowed.join(", ")}`,
        { value },
      ),
    );
  }
  return out;
}

function checkList(
  column: ColumnSpec,
  values: readonly string[],
  findings: Finding[],
): readonly string[] | undefined {
  let kept = values;
  if (column.maxLength !== undefined) {
    const max = column.maxLength;
    kept = kept.filter((value) => value.length <= max);
    if (kept.length < values.length) {
      findings.push(
        finding(
          column.rule,
          column.name,
          `${values.length - kept.length} value(s) over ${max} characters dropped`,
          {
            severity: "warning",
          },
        ),
      );
    }
  }
  if (column.multi !== undefined && kept.length > column.multi.max) {
    findings.push(
      finding(
        column.rule,
        column.name,
        `${kept.length - column.multi.max} value(s) beyond the channel's ${column.multi.max} dropped`,
        {
          severity: "warning",
        },
      ),
    );
    kept = kept.slice(0, column.multi.max);
  }
  return kept.length === 0 ? undefined : kept;
}
