import type { HiboutikInvalidRecordError } from "@comptoir/api-client";
import type { SkippedRecord } from "./types.ts";

/** Skipped records kept on a run: enough to act on, small enough for one row. */
export const SKIPPED_RECORDS_KEPT = 50;
const VALUE_PREVIEW = 200;

/** Counts every skipped record and keeps the first few with their reasons. */
export class SkippedRecords {
  count = 0;
  readonly kept: SkippedRecord[] = [];

  add(error: HiboutikInvalidRecordError): void {
    this.count += 1;
    if (this.kept.length >= SKIPPED_RECORDS_KEPT) return;
    this.kept.push({
      resource: error.resource,
      recordId: error.recordId,
      issues: error.issues.map((issue) => ({
        field: issue.field,
        value: preview(issue.value),
        message: issue.message,
      })),
    });
  }
}

/** The id of a skipped record when it is one, so the record is not taken for deleted. */
export function skippedId(error: HiboutikInvalidRecordError): number | undefined {
  const id = Number(error.recordId);
  return error.recordId !== null && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

function preview(value: unknown): unknown {
  if (value === undefined) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (text === undefined || text.length <= VALUE_PREVIEW) return value;
  return `${text.slice(0, VALUE_PREVIEW - 1)}…`;
}
