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
import { feedSourceFromHiboutik } from "../src/source/hiboutik.ts";
import { syntheticFeedSource } from "../src/testing/synthetic.ts";
import { handSerializer, sampleRows, writeRows } from "./baseline.ts";

/** One measured configuration, run in a fresh process so that its peak RSS is its own. */
export interface Scenario {
  readonly name: string;
  readonly kind: "pipeline" | "template-baseline" | "json-baseline";
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
  // Baselines: as many rows as the pipeline writes for this many products, from a pool.
  const { names, rows } = sampleRows(settings, profile, POOL);
  const count = Math.round((rows.length * scenario.products) / POOL);
  const encode =
    scenario.kind === "json-baseline"
      ? (row: unknown) => `${JSON.stringify(row)}\n`
      : handSerializer(profile, names);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const written = await writeRows(rows, count, encode, scenario.gzip);
  return {
    rows: count,
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
