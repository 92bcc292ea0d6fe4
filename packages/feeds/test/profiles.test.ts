import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  type ChannelProfile,
  checkGtin,
  exclusionsCsv,
  getProfile,
  PROFILE_IDS,
  PROFILES,
} from "../src/index.ts";
import { collect, settingsWith } from "./support/fixtures.ts";
import { hostileProducts } from "./support/hostile.ts";
import { parseFeed, type Record_ } from "./support/parse-feed.ts";

const PRICE = /^\d+(\.\d{1,2})? [A-Z]{3}$/;
const HTML_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

function text(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

/** The channel's rules (feeds.md 4.3) that a parsed file must satisfy. */
function assertChannelRules(profile: ChannelProfile, records: readonly Record_[]) {
  const columns = [...profile.columns];
  for (const record of records) {
    for (const column of columns) {
      const value = record[column.name];
      if (column.required) expect(value, `${column.name} required`).toBeDefined();
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      for (const one of values) {
        if (column.maxLength !== undefined)
          expect(Array.from(one).length).toBeLessThanOrEqual(column.maxLength);
        if (column.allowed) expect(column.allowed).toContain(one);
        if (column.value === "price" || column.value === "salePrice") expect(one).toMatch(PRICE);
        if (column.value === "gtin") expect(checkGtin(one)).toEqual({ ok: true, gtin: one });
      }
      if (column.multi) expect(values.length).toBeLessThanOrEqual(column.multi.max);
    }
  }
  const idColumn = columns.find((c) => c.value === "id")?.name ?? "id";
  const storeColumn = columns.find((c) => c.value === "storeCode")?.name;
  const keys = records.map(
    (r) => `${text(r[idColumn])?.trim().toLowerCase()}|${storeColumn ? text(r[storeColumn]) : ""}`,
  );
  expect(new Set(keys).size, "unique ids (I02)").toBe(keys.length);
  const groupColumn = columns.find((c) => c.value === "itemGroupId")?.name;
  if (groupColumn) {
    const ids = new Set(records.map((r) => text(r[idColumn])));
    const brandByGroup = new Map<string, string | undefined>();
    for (const record of records) {
      const group = text(record[groupColumn]);
      if (group === undefined) continue;
      expect(ids.has(group), `group id ${group} is not an item id (G01)`).toBe(false);
      const brand = text(record.brand);
      if (brandByGroup.has(group)) expect(brandByGroup.get(group)).toBe(brand);
      brandByGroup.set(group, brand);
    }
  }
}

describe.each(PROFILE_IDS)("profile %s", (id) => {
  const profile = getProfile(id);

  it("writes a file that a strict parser reads back and that follows the channel's rules", async () => {
    const run = await collect(profile, hostileProducts());
    expect(run.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), "no BOM").toBe(false);
    expect(new TextDecoder("utf-8", { fatal: true }).decode(run.bytes)).toBe(run.text);
    expect(run.text).not.toMatch(/\r/);
    if (profile.format === "rss") expect(run.text, "X04").not.toMatch(HTML_ENTITY);
    const records = parseFeed(profile, run.text);
    expect(records.length).toBe(run.summary.counts.rows);
    expect(records.length).toBeGreaterThan(0);
    assertChannelRules(profile, records);
    if (profile.format === "rss") expect(run.summary.output.xmlCheck).toBe("passed");
  });

  it("keeps hostile text exact (after cleaning) and keeps formula-like cells as typed", async () => {
    const run = await collect(profile, hostileProducts());
    const records = parseFeed(profile, run.text);
    const idColumn = profile.columns.find((c) => c.value === "id")?.name ?? "id";
    const titleColumn = profile.columns.find((c) => c.value === "title")?.name;
    if (!titleColumn) return;
    const title = (itemId: string) =>
      text(records.find((r) => r[idColumn] === itemId)?.[titleColumn]);
    expect(title("1")).toBe('Savon "lait & miel" <bio> ]]> fin');
    expect(title("2")).toBe("Bougie ambre douce");
    expect(title("3")).toBe("Mug café ☕ 🎁 famille 👨‍👩‍👧");
    expect(title("4")).toBe("כוס קפה — كوب قهوة");
    expect(title("13")).toBe('=HYPERLINK("http://evil.example","clic")');
    expect(title("16")).toBe("Windows ’smart“ quotes”");
    expect(title("17")).toBe("Tab here newline and spaces");
    expect(Array.from(title("5") ?? "").length).toBeLessThanOrEqual(
      profile.columns.find((c) => c.value === "title")?.maxLength ?? Number.POSITIVE_INFINITY,
    );
  });
});

describe("serializers", () => {
  it("XMLBuilder and the template encoder write byte-identical XML", async () => {
    for (const profile of [PROFILES["google-products-xml"], PROFILES["meta-xml"]]) {
      const viaTemplate = await collect(profile, hostileProducts(), undefined, {
        xmlEncoder: "template",
        batchSize: 3,
      });
      const viaBuilder = await collect(profile, hostileProducts(), undefined, {
        xmlEncoder: "builder",
        batchSize: 7,
      });
      expect(viaBuilder.text).toBe(viaTemplate.text);
    }
  });

  it("puts one XML element per line (Meta's line-length rule X08)", async () => {
    const run = await collect(PROFILES["meta-xml"], hostileProducts());
    for (const line of run.text.split("\n"))
      expect((line.match(/<g:/g) ?? []).length).toBeLessThanOrEqual(1);
  });

  it("never quotes Microsoft values and never puts tabs or line breaks inside them (T05)", async () => {
    const profile = PROFILES["microsoft-tsv"];
    const run = await collect(profile, hostileProducts());
    const lines = run.text.replace(/\n$/, "").split("\n");
    const width = lines[0]?.split("\t").length;
    for (const line of lines) expect(line.split("\t").length).toBe(width);
    expect(run.text).toContain('Savon "lait & miel" <bio> ]]> fin');
  });

  it("quotes Google TSV fields only where needed and round-trips them", async () => {
    const run = await collect(PROFILES["google-products-tsv"], hostileProducts());
    expect(run.text.split("\n")[0]?.startsWith("id\ttitle\tdescription\tlink")).toBe(true);
    expect(run.text).toContain('"Savon ""lait & miel"" <bio> ]]> fin"');
  });

  it("writes one header row only, whatever the batch size (T02)", async () => {
    const run = await collect(PROFILES["meta-csv"], hostileProducts(), undefined, { batchSize: 2 });
    expect(run.text.split("\n").filter((line) => line.startsWith("id,title,")).length).toBe(1);
  });

  it("keeps GTINs as digit strings with their leading zeros (T08)", async () => {
    const run = await collect(PROFILES["generic-csv"], hostileProducts());
    const records = parseFeed(PROFILES["generic-csv"], run.text);
    expect(records.find((r) => r.id === "19-5")?.gtin).toBe("96385074");
  });

  it("gzip output decompresses to exactly the plain file (P04)", async () => {
    const plain = await collect(
      PROFILES["google-products-xml"],
      hostileProducts(),
      settingsWith({ output: { gzip: false } }),
    );
    const zipped = await collect(
      PROFILES["google-products-xml"],
      hostileProducts(),
      settingsWith({ output: { gzip: true } }),
    );
    expect(gunzipSync(zipped.bytes).toString("utf8")).toBe(plain.text);
    expect(zipped.summary.output.contentSha256).toBe(plain.summary.output.sha256);
    expect(zipped.summary.output.uncompressedBytes).toBe(plain.bytes.length);
  });

  it("writes local inventory as one row per store × item with per-store stock", async () => {
    const run = await collect(PROFILES["google-local-inventory"], hostileProducts());
    const records = parseFeed(PROFILES["google-local-inventory"], run.text);
    const rows = (id: string) =>
      records
        .filter((r) => r.id === id)
        .map((r) => [r.store_code, r.availability, r.quantity, r.pickup_method, r.pickup_sla]);
    expect(rows("9")).toEqual([
      ["LYON-01", "out_of_stock", "0", "reserve", "same day"],
      ["PARIS-10", "in_stock", "3", undefined, undefined],
    ]);
  });

  it("neutralises formula-like cells in CSV meant for people (T09)", async () => {
    const run = await collect(PROFILES["google-products-xml"], hostileProducts());
    const csv = exclusionsCsv([
      {
        kind: "invalid",
        productId: 13,
        itemId: "13",
        storeCode: null,
        title: '=HYPERLINK("x")',
        errors: [],
      },
      ...run.exclusions,
    ]);
    expect(csv).toContain(`'=HYPERLINK(""x"")`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
