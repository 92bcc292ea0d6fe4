import { type SQL, sql } from "drizzle-orm";

/** A column of a batch: its database name and the SQL type it is read as. */
export type Column = readonly [name: string, type: string];

/**
 * A batch of rows as one `jsonb_to_recordset` parameter: one round trip and one parameter
 * whatever the batch size, read the same way by PGlite and node-postgres.
 */
export function recordset(
  rows: readonly Record<string, unknown>[],
  columns: readonly Column[],
): SQL {
  const definition = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as n(${sql.raw(definition)})`;
}

/** `a, b, c` from trusted column names (never user input). */
export function names(columns: readonly Column[], prefix = ""): SQL {
  return sql.raw(columns.map(([name]) => `${prefix}${name}`).join(", "));
}

/** `a = excluded.a, …` for an upsert. */
export function excludedAssignments(columns: readonly Column[]): SQL {
  return sql.raw(columns.map(([name]) => `${name} = excluded.${name}`).join(", "));
}
