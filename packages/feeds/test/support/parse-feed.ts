import { parse } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { ChannelProfile } from "../../src/index.ts";

export type Record_ = Record<string, string | string[]>;

/** Parses a generated file with independent strict parsers and returns one record per row. */
export function parseFeed(profile: ChannelProfile, text: string): Record_[] {
  return profile.format === "rss" ? parseRss(text) : parseDelimited(profile, text);
}

export function parseRss(text: string): Record_[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new Error(`XML not well-formed: ${valid.err.msg} at line ${valid.err.line}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === "item" || name === "g:additional_image_link",
  });
  const document = parser.parse(text);
  const rss = document.rss;
  if (rss["@version"] !== "2.0") throw new Error("rss version");
  if (rss["@xmlns:g"] !== "http://base.google.com/ns/1.0") throw new Error("g namespace");
  const channel = rss.channel;
  for (const key of ["title", "link", "description"]) {
    if (typeof channel[key] !== "string" || channel[key] === "") throw new Error(`channel ${key}`);
  }
  const items: Record<string, unknown>[] = channel.item ?? [];
  return items.map((item) => {
    const record: Record_ = {};
    for (const [name, value] of Object.entries(item)) {
      if (name === "#text") continue; // the line breaks between elements
      if (!name.startsWith("g:")) throw new Error(`element ${name} outside the g: namespace`);
      record[name.slice(2)] = Array.isArray(value) ? value.map(String) : String(value);
    }
    return record;
  });
}

export function parseDelimited(profile: ChannelProfile, text: string): Record_[] {
  const options = profile.delimited;
  if (!options) throw new Error("not delimited");
  const rows: string[][] = parse(text, {
    delimiter: options.delimiter,
    relax_column_count: false,
    relax_quotes: false,
    skip_empty_lines: false,
    bom: false,
    ...(options.quoting === "never" ? { quote: false } : {}),
  });
  const [header, ...body] = rows;
  if (!header) throw new Error("no header");
  if (new Set(header).size !== header.length) throw new Error("duplicate header names");
  return body.map((row) => {
    const record: Record_ = {};
    header.forEach((name, i) => {
      const value = row[i] ?? "";
      if (value === "") return;
      const column = profile.columns.find((c) => c.name === name);
      record[name] = column?.multi ? value.split(column.multi.separator) : value;
    });
    return record;
  });
}
