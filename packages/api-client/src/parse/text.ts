import { codec, INVALID, isBlank } from "./codec.ts";

/** Text fields use "" for "not set"; numbers are accepted because barcodes sometimes are. */
function parseText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Optional text: absent or "" → null. */
export const textField = codec<string | null>("text", (value) =>
  isBlank(value) ? null : (parseText(value) ?? INVALID),
);

/** Text that always exists on the record (a name); absent becomes "". */
export const labelField = codec<string>("text", (value) =>
  isBlank(value) ? "" : (parseText(value) ?? INVALID),
);

/** Text that must be present and non-empty (a payment code, a currency). */
export const requiredTextField = codec<string>("non-empty text", (value) =>
  isBlank(value) ? INVALID : (parseText(value) ?? INVALID),
);
