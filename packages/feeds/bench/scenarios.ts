import { createHiboutikClient } from "@comptoir/api-client";
import { createSimulator } from "@comptoir/hiboutik-sim";
import {
  type FeedSettings,
  type FeedSource,
  feedSettings,
  generateFeed,
  getProfile,
  type ProfileId,
  type XmlEncoder,
} from "../src/index.ts";
import type { CellValue } from "../src/profiles/render.ts";
import { feedSourceFromHiboutik } from "../src/source/hiboutik.ts";
import { syntheticFeedSource } from "../src/testing/synthetic.ts";
import { columnNames, cycled, handSerializer, renderedRows, writeRows } from "./baseline.ts";

/** One measured configuration, run in a fresh process so that its peak RSS is its own. */
export interface Scenario {
  readonly name: string;
  /**
   * pipeline: generateFeed from the source. template-baseline: pre-rendered rows written again
   * with a hand serializer (the serializer's floor). e2e-template-baseline: the same rows built
   * from the same products inside the clock, written with the hand serializer (the plainest code
   * for the whole job). json-baseline: pre-rendered rows as JSON lines.
   */
  readonly kind: "pipeline" | "template-baseline" | "e2e-template-baseline" | "json-baseline";
  readonly profile: ProfileId;
  readonly products: number;
  readonly gzip: boolean;
  readonly source?: "synthetic" | "simulator";
  readonly encoder?: XmlEncoder;
  readonly xmlCheck?: "full" | "sample" | "off";
}

export interface Measurement {
  readonly rows: number;
  readonly seconds: number;
  /** CPU time of the process over the same span (all threads: gzip, GC): steadier than wall
   * time when other work shares the cores. */
  readonly cpuSeconds: number;
  readonly bytes: number;
  readonly peakRssMb: number;
}

export function benchSettings(gzip: boolean): FeedSettings {
  return feedSettings({
    channel: { title: "Boutique Dupont", link: "https://shop.example/" },
    linkTemplate: "https://shop.example/p/{ref}?size={size}",
    categoryMapping: { "1": 166, "3": 2271, "4": 536, "5": 588, "6": 412 },
    attributes: {
      gender: { default: "female" },
      ageGroup: { default: "adult" },
      color: { tagCategoryIds: [1] },
    },
    localInventory: {
      stores: [
        { storeId: 1, storeCode: "LYON-01", pickupMethod: "reserve", pickupSla: "same day" },
        { storeId: 2, storeCode: "PARIS-10", pickupMethod: "reserve", pickupSla: "next day" },
      ],
    },
    output: { gzip, gzipLevel: 6 },
  });
}

function simulatorSource(products: number): FeedSource {
  const sim = createSimulator({
    products,
    seed: 7,
    now: () => new Date("2026-11-30T10:00:00Z"),
    monthlyQuota: 100_000_000,
  });
  const client = createHiboutikClient({
    account: "demo-shop",
    auth: { type: "basic", user: sim.credentials.user, apiKey: sim.credentials.apiKey },
    baseUrl: sim.baseUrl,
    fetch: sim.fetch,
    concurrency: 10,
    monthlyQuota: 100_000_000,
  });
  return feedSourceFromHiboutik(client, { storeCodes: { 1: "LYON-01", 2: "PARIS-10" } });
}

const POOL = 2000;

export async function measure(scenario: Scenario): Promise<Measurement> {
  const settings = benchSettings(scenario.gzip);
  const profile = getProfile(scenario.profile);
  if (scenario.kind === "pipeline") {
    const source =
      scenario.source === "simulator"
        ? simulatorSource(scenario.products)
        : syntheticFeedSource({ products: scenario.products });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await generateFeed(
      source,
      settings,
      profile,
      { kind: "discard" },
      {
        xmlEncoder: scenario.encoder ?? "template",
        xmlCheck: scenario.xmlCheck ?? "sample",
      },
    );
    return {
      rows: result.summary.counts.rows,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: cpuSecondsSince(cpu),
      bytes: result.summary.output.bytes,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  }
  const names = columnNames(settings, profile);
  const encode =
    scenario.kind === "json-baseline"
      ? (row: unknown) => `${JSON.stringify(row)}\n`
      : handSerializer(profile, names);
  // The serializer baselines write as many rows as the pipeline would, cycled from a pool
  // rendered outside the clock; the end-to-end one renders every product inside it.
  let rows: Iterable<CellValue[]>;
  if (scenario.kind === "e2e-template-baseline") {
    rows = renderedRows(settings, profile, scenario.products);
  } else {
    const pool = [...renderedRows(settings, profile, POOL)];
    rows = cycled(pool, Math.round((pool.length * scenario.products) / POOL));
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const written = await writeRows(rows, encode, scenario.gzip);
  return {
    rows: written.rows,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSecondsSince(cpu),
    bytes: written.bytes,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}
