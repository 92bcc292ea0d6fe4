import { createHash } from "node:crypto";
import { createGzip, type ZlibOptions } from "node:zlib";
import { createItemBuilder } from "../src/model/build-items.ts";
import { buildCatalogIndex } from "../src/model/catalog-index.ts";
import { type CellValue, renderCells, renderContext, storeRows } from "../src/profiles/render.ts";
import type { ChannelProfile } from "../src/profiles/types.ts";
import { escapeXml } from "../src/serialize/xml-escape.ts";
import type { FeedSettings } from "../src/settings/schema.ts";
import { SYNTHETIC_REFERENCE, syntheticProduct } from "../src/testing/synthetic.ts";
import { applyColumnRules } from "../src/validation/columns.ts";
import { APPAREL_COUNTRIES, checkItem } from "../src/validation/item-checks.ts";
import type { Finding } from "../src/validation/rules.ts";

/**
 * The rows the pipeline writes for the first `products` synthetic products (items without
 * validation errors), built with the engine's own item model, checks and column rules but none
 * of its machinery (no streaming engine, group checks, statistics, XML check or hashing).
 */
export function* renderedRows(
  settings: FeedSettings,
  profile: ChannelProfile,
  products: number,
): Generator<CellValue[]> {
  const context = renderContext(profile, settings);
  const builder = createItemBuilder(settings, buildCatalogIndex(SYNTHETIC_REFERENCE, settings));
  const stores = settings.localInventory.stores.map((setting) => ({
    setting,
    warehouseIds: [
      SYNTHETIC_REFERENCE.stores.find((s) => s.id === setting.storeId)?.warehouseId ?? 0,
    ],
  }));
  const env = {
    settings,
    linkHosts: new Set<string>(),
    apparelCountry: APPAREL_COUNTRIES.has(settings.country),
  };
  const valid = (findings: readonly Finding[]) => !findings.some((f) => f.severity === "error");
  for (let id = 1; id <= products; id++) {
    const outcome = builder.build(syntheticProduct(id));
    if (outcome.kind !== "items") continue;
    for (const { item } of outcome.items) {
      const findings: Finding[] = [];
      checkItem(profile, item, env, findings);
      if (profile.rows === "store-item") {
        for (const row of storeRows(item, stores, 0)) {
          const cells = applyColumnRules(context, renderCells(context, item, row), findings);
          if (valid(findings)) yield cells;
        }
      } else {
        const cells = applyColumnRules(context, renderCells(context, item), findings);
        if (valid(findings)) yield cells;
      }
    }
  }
}

/** The column names of a profile under these settings. */
export function columnNames(settings: FeedSettings, profile: ChannelProfile): string[] {
  return renderContext(profile, settings).columns.map((c) => c.name);
}

/** Hand-written serializers: template strings for XML, a ten-line quoter for CSV/TSV. */
export function handSerializer(
  profile: ChannelProfile,
  names: readonly string[],
): (row: readonly CellValue[]) => string {
  if (profile.format === "rss") {
    const open = names.map((n) => `  <g:${n}>`);
    const close = names.map((n) => `</g:${n}>\n`);
    return (row) => {
      let out = "<item>\n";
      row.forEach((value, i) => {
        if (value === undefined) return;
        for (const one of typeof value === "string" ? [value] : value)
          out += open[i] + escapeXml(one) + close[i];
      });
      return `${out}</item>\n`;
    };
  }
  const delimiter = profile.delimited?.delimiter ?? ",";
  const separators = profile.columns.map((c) => c.multi?.separator ?? ",");
  const needsQuotes = new RegExp(`["\\r\\n${delimiter === "\t" ? "\\t" : delimiter}]`);
  return (row) =>
    `${row
      .map((value, i) => {
        const text =
          value === undefined ? "" : typeof value === "string" ? value : value.join(separators[i]);
        return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(delimiter)}\n`;
}

export interface BaselineResult {
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** `count` rows cycled from a pool. */
export function* cycled(pool: readonly CellValue[][], count: number): Generator<CellValue[]> {
  for (let i = 0; i < count; i++) yield pool[i % pool.length] ?? [];
}

/** Writes rows with `encode`, 500 per chunk, into (optional) gzip; returns rows and bytes. */
export async function writeRows(
  rows: Iterable<CellValue[]>,
  encode: (row: readonly CellValue[]) => string,
  gzip: boolean,
): Promise<BaselineResult> {
  const MIB = 1024 * 1024;
  const hash = createHash("sha256");
  let bytes = 0;
  const zip = gzip
    ? createGzip({
        level: 6,
        chunkSize: MIB,
        writableHighWaterMark: 8 * MIB,
        readableHighWaterMark: 8 * MIB,
      } as ZlibOptions)
    : null;
  const ended = new Promise<void>((resolve, reject) => {
    if (!zip) return resolve();
    zip.on("data", (chunk: Buffer) => {
      bytes += chunk.byteLength;
    });
    zip.on("end", resolve);
    zip.on("error", reject);
  });
  let text = "";
  let count = 0;
  const flush = async () => {
    const buffer = Buffer.from(text, "utf8");
    text = "";
    hash.update(buffer);
    if (!zip) {
      bytes += buffer.byteLength;
      return;
    }
    if (!zip.write(buffer)) await new Promise((resolve) => zip.once("drain", resolve));
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const row of rows) {
    text += encode(row);
    if (++count % 500 === 0) await flush();
  }
  if (text) await flush();
  zip?.end();
  await ended;
  return { rows: count, bytes, sha256: hash.digest("hex") };
}
