import { gunzipSync } from "node:zlib";
import { type ChannelProfile, hasValidCheckDigit } from "@comptoir/feeds";
import { parse } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";

export type FeedRecord = Record<string, string | string[]>;

/** The stored bytes as text (gunzipped when gzip). */
export function feedText(bytes: Buffer): string {
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
}

/** Parses a published file with independent strict parsers; one record per item or row. */
export function parseFeedFile(profile: ChannelProfile, text: string): FeedRecord[] {
  if (profile.format === "rss") {
    const valid = XMLValidator.validate(text);
    if (valid !== true)
      throw new Error(`XML not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
    const document = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@",
      parseTagValue: false,
      trimValues: false,
      isArray: (name) => name === "item",
    }).parse(text);
    if (document.rss?.["@version"] !== "2.0") throw new Error("not RSS 2.0");
    if (document.rss["@xmlns:g"] !== "http://base.google.com/ns/1.0")
      throw new Error("no g: namespace");
    const items: Record<string, unknown>[] = document.rss.channel.item ?? [];
    return items.map((item) => {
      const record: FeedRecord = {};
      for (const [name, value] of Object.entries(item)) {
        if (name === "#text") continue;
        if (!name.startsWith("g:")) throw new Error(`element ${name} outside the g: namespace`);
        record[name.slice(2)] = Array.isArray(value) ? value.map(String) : String(value);
      }
      return record;
    });
  }
  const options = profile.delimited;
  if (!options) throw new Error("not delimited");
  const rows: string[][] = parse(text, {
    delimiter: options.delimiter,
    relax_column_count: false,
    relax_quotes: false,
    bom: false,
    ...(options.quoting === "never" ? { quote: false } : {}),
  });
  const [header, ...body] = rows;
  if (!header) throw new Error("no header");
  if (new Set(header).size !== header.length) throw new Error("duplicate header names");
  return body.map((row) => {
    const record: FeedRecord = {};
    header.forEach((name, i) => {
      const value = row[i] ?? "";
      const column = profile.columns.find((c) => c.name === name);
      if (value !== "") record[name] = column?.multi ? value.split(column.multi.separator) : value;
    });
    return record;
  });
}

/**
 * The channel rules of feeds.md 4.3 a file can be checked for from outside: required
 * attributes, enumerations, lengths, price format, GTIN check digits, unique ids and
 * item_group_id consistency. Returns the violations (empty when the file is clean).
 */
export function channelViolations(
  profile: ChannelProfile,
  records: readonly FeedRecord[],
): string[] {
  const problems: string[] = [];
  const idColumn = profile.columns.find((c) => c.value === "id")?.name;
  const storeColumn = profile.columns.find((c) => c.value === "storeCode")?.name;
  const groupColumn = profile.columns.find((c) => c.value === "itemGroupId")?.name;
  const seen = new Set<string>();
  const groups = new Map<string, string[]>();
  records.forEach((record, row) => {
    const where = `row ${row + 1}`;
    for (const column of profile.columns) {
      const raw = record[column.name];
      const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      if (column.required && values.length === 0) problems.push(`${where}: ${column.name} missing`);
      for (const value of values) {
        if (column.allowed && !column.allowed.includes(value))
          problems.push(`${where}: ${column.name}=${value} not in ${column.allowed.join("|")}`);
        if (column.maxLength !== undefined && [...value].length > column.maxLength)
          problems.push(`${where}: ${column.name} longer than ${column.maxLength}`);
        if (
          (column.value === "price" || column.value === "salePrice") &&
          !/^\d+\.\d{2} [A-Z]{3}$/.test(value)
        )
          problems.push(`${where}: ${column.name}=${value} is not "12.50 EUR"`);
        if (
          (column.value === "chargedAmount" || column.value === "formerAmount") &&
          !/^\d+\.\d{2}$/.test(value)
        )
          problems.push(`${where}: ${column.name}=${value} is not an amount`);
        if (column.value === "gtin" && !(/^\d{8,14}$/.test(value) && hasValidCheckDigit(value)))
          problems.push(`${where}: ${column.name}=${value} is not a valid GTIN`);
      }
      if (column.multi && values.length > column.multi.max)
        problems.push(`${where}: more than ${column.multi.max} ${column.name}`);
    }
    const id = idColumn ? record[idColumn] : undefined;
    if (typeof id !== "string") return;
    const key = storeColumn ? `${String(record[storeColumn])}|${id}` : id;
    if (seen.has(key)) problems.push(`${where}: duplicate id ${key}`);
    seen.add(key);
    const group = groupColumn ? record[groupColumn] : undefined;
    if (typeof group === "string") groups.set(group, [...(groups.get(group) ?? []), id]);
  });
  for (const [group, ids] of groups) {
    if (ids.includes(group))
      problems.push(`item_group_id ${group} is also an item id (the parent is never emitted)`);
  }
  return problems;
}
