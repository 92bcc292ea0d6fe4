import { codec, INVALID, isBlank } from "./codec.ts";

const TRUE = new Set<unknown>([1, "1", true, "true", "yes"]);
const FALSE = new Set<unknown>([0, "0", false, "false", "no"]);

/** Flags are 0/1 integers on the wire, sometimes "0"/"1" or booleans. */
export function parseFlag(value: unknown): boolean | undefined {
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return undefined;
}

const EXPECTED = "a flag (0 or 1)";

/** Absent or "" → `whenAbsent` (false unless the field's meaning says otherwise). */
export function flagField(whenAbsent = false) {
  return codec<boolean>(EXPECTED, (value) =>
    isBlank(value) ? whenAbsent : (parseFlag(value) ?? INVALID),
  );
}
