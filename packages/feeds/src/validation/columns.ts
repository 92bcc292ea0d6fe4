import type { CellValue, RenderContext } from "../profiles/render.ts";
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
  context.columns.forEach((column, index) => {
    const value = out[index];
    const empty =
      value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
    if (empty) {
      out[index] = undefined;
      if (column.required)
        findings.push(finding(column.rule, column.name, `${column.name} is required`));
      return;
    }
    if (typeof value !== "string") {
      out[index] = checkList(column, value, findings);
      return;
    }
    if (column.maxLength !== undefined && value.length > column.maxLength) {
      const length = charLength(value);
      if (length > column.maxLength) {
        if (column.overflow === "truncate") {
          out[index] = truncateText(value, column.maxLength);
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
  });
  return out;
}

function checkList(
  column: RenderContext["columns"][number],
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
