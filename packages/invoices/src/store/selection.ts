import { Decimal } from "@comptoir/api-client";
import type { CreditSelection } from "../build/credit-note.ts";
import { InvoiceError } from "./errors.ts";

/**
 * A credit selection from the command line: `--lines 1,3:2` credits line 1 in full and 2 units
 * of line 3; `--amount 12.50` credits an amount spread over the VAT rates. Neither: all of it.
 */
export function parseCreditSelection(options: {
  readonly lines?: string;
  readonly amount?: string;
  readonly description?: string;
}): CreditSelection {
  if (options.lines !== undefined && options.amount !== undefined) {
    throw new InvoiceError("INVALID_INPUT", "give --lines or --amount, not both");
  }
  if (options.amount !== undefined) {
    const amount = Decimal.tryParse(options.amount.replace(",", "."));
    if (
      amount === undefined ||
      amount.normalize().scale > 2 ||
      amount.isNegative() ||
      amount.isZero()
    ) {
      throw new InvoiceError(
        "INVALID_INPUT",
        `--amount is a positive amount in euros with at most 2 decimals, not "${options.amount}"`,
      );
    }
    return {
      kind: "amount",
      amount: amount.round(2),
      description: options.description?.trim() || "Remise accordée après facturation",
    };
  }
  if (options.lines === undefined) return { kind: "all" };
  const lines = options.lines
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const match = /^(\d+)(?::(\d+(?:\.\d+)?))?$/.exec(part);
      if (!match) {
        throw new InvoiceError(
          "INVALID_INPUT",
          `"${part}" is not LINE or LINE:QUANTITY (e.g. --lines 1,3:2)`,
        );
      }
      return match[2] === undefined
        ? { lineId: match[1] ?? "" }
        : { lineId: match[1] ?? "", quantity: match[2] };
    });
  if (lines.length === 0) throw new InvoiceError("INVALID_INPUT", "--lines names no line");
  return { kind: "lines", lines };
}
