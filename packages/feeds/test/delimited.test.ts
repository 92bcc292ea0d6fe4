import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import type { DelimitedOptions } from "../src/profiles/types.ts";
import { delimitedQuoter } from "../src/serialize/delimited.ts";

const VALUES = [
  "",
  "plain",
  "a,b",
  "a;b",
  "a\tb",
  'say "hi"',
  '"',
  '""',
  "line\nbreak",
  "cr\ronly",
  "crlf\r\nend",
  '=HYPERLINK("http://x","y")',
  "+33 1 23",
  "-5",
  "@home",
  "é ü 🌿 שלום",
  "]]> & <b>",
  ",",
  "\n",
  ' "quoted, with comma" ',
  "trailing,",
  'tab\t"and quote"',
];

const OPTIONS: DelimitedOptions[] = [
  { delimiter: ",", quoting: "as-needed", neutraliseFormulas: false },
  { delimiter: ";", quoting: "as-needed", neutraliseFormulas: false },
  { delimiter: "\t", quoting: "as-needed", neutraliseFormulas: false },
  { delimiter: "\t", quoting: "never", neutraliseFormulas: false },
  { delimiter: ",", quoting: "never", neutraliseFormulas: false },
];

describe("delimited quoter", () => {
  it.each(OPTIONS)("writes the bytes csv-stringify writes (%o)", (options) => {
    const quote = delimitedQuoter(options);
    const reference = {
      delimiter: options.delimiter,
      record_delimiter: "unix" as const,
      ...(options.quoting === "never" ? { quote: false as const } : {}),
    };
    for (const value of VALUES) {
      const expected = stringify([[value, value]], reference);
      expect(`${quote(value)}${options.delimiter}${quote(value)}\n`).toBe(expected);
    }
  });

  it("gives rows a strict CSV parser reads back exactly", () => {
    const quote = delimitedQuoter(OPTIONS[0] as DelimitedOptions);
    const text = VALUES.map((value) => `${quote(value)},${quote(value)}\n`).join("");
    const rows = parse(text, { relax_quotes: false, relax_column_count: false }) as string[][];
    expect(rows).toEqual(VALUES.map((value) => [value, value]));
  });
});
