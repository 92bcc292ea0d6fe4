import { createItemBuilder, type ItemDraft } from "../model/build-items.ts";
import { buildCatalogIndex } from "../model/catalog-index.ts";
import type { FeedItem } from "../model/item.ts";
import {
  type CellValue,
  type RenderContext,
  renderContext,
  storeRows,
} from "../profiles/render.ts";
import type { ChannelProfile } from "../profiles/types.ts";
import { SummaryBuilder } from "../run/summary.ts";
import { createDelimitedSerializer } from "../serialize/delimited.ts";
import { createRssSerializer, type XmlEncoder } from "../serialize/rss.ts";
import type { Row, Serializer } from "../serialize/types.ts";
import type { FeedSettings } from "../settings/schema.ts";
import type { FeedReference, FeedSource } from "../source/types.ts";
import { compileColumnRules } from "../validation/columns.ts";
import { checkGroup, type GroupMember } from "../validation/group-checks.ts";
import { APPAREL_COUNTRIES, type CheckEnvironment, checkItem } from "../validation/item-checks.ts";
import { type FilterReason, type Finding, finding } from "../validation/rules.ts";
import { checkXmlDocument, checkXmlFragment } from "./xml-check.ts";

/** In "sample" mode, one batch in this many is checked. */
const SAMPLE_EVERY = 32;

/** Why something is not in the file: a filter of the feed, or validation errors. */
export type Exclusion =
  | {
      readonly kind: "filtered";
      readonly productId: number;
      /** null when the whole product was filtered. */
      readonly itemId: string | null;
      readonly reason: FilterReason;
    }
  | {
      readonly kind: "invalid";
      readonly productId: number;
      readonly itemId: string;
      /** The store, for a local inventory row. */
      readonly storeCode: string | null;
      readonly title: string;
      readonly errors: readonly Finding[];
    };

export interface EngineOptions {
  readonly signal?: AbortSignal;
  /** Items per serializer call (default 500). */
  readonly batchSize?: number;
  readonly xmlEncoder?: XmlEncoder;
  /**
   * Well-formedness check of RSS output as it is written (X01/X04/X05): fast-xml-parser's
   * validator plus scans for foreign entities and invalid characters. "full" checks every batch
   * (the validator runs at about 25 MB/s, so it adds about half the run time); "sample"
   * (default) checks the frame, the first batch and one batch in 32; "off" skips it. Whole
   * files are for the publish gate.
   */
  readonly xmlCheck?: "full" | "sample" | "off";
  readonly onExclusion?: (exclusion: Exclusion) => void;
}

export class FeedSourceOrderError extends Error {
  constructor(previous: number, next: number) {
    super(
      `FeedSource.products() must yield ascending, unique product ids; got ${next} after ${previous} (rule S01)`,
    );
    this.name = "FeedSourceOrderError";
  }
}

export class FeedConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedConfigurationError";
  }
}

export interface FeedRun {
  /** File text in pieces: header, batches of rows, footer. */
  readonly chunks: AsyncIterable<string>;
  readonly summary: SummaryBuilder;
  /** Set once `chunks` is exhausted: did the streaming XML check pass? */
  xmlCheck(): "passed" | "sampled" | "failed" | "skipped";
}

/**
 * The generation pipeline without I/O: source → items → validation → serializer text.
 * Memory holds one product's items and one batch of rows, whatever the catalog size.
 */
export function runFeed(
  source: FeedSource,
  settings: FeedSettings,
  profile: ChannelProfile,
  options: EngineOptions = {},
): FeedRun {
  const context = renderContext(profile, settings);
  const summary = new SummaryBuilder(
    profile.id,
    context.columns.map((c) => c.name),
  );
  const xmlMode = profile.format === "rss" ? (options.xmlCheck ?? "sample") : "off";
  const checkXml = xmlMode !== "off";
  let xmlProblem: string | null = null;
  let batchNumber = 0;

  async function* chunks(): AsyncGenerator<string> {
    const reference = await source.reference();
    const serializer = serializerFor(profile, context, settings, options.xmlEncoder ?? "template");
    // Sampled batches go through the parser, not just character scans: the publish gate's
    // promise is a well-formed file, and the parser is what proves it (about 5 % of a run).
    const emit = (text: string): string => {
      if (
        checkXml &&
        xmlProblem === null &&
        (xmlMode === "full" || batchNumber % SAMPLE_EVERY === 0)
      ) {
        xmlProblem = checkXmlFragment(text);
        if (xmlProblem !== null) summary.runFindings.push(finding("X01", null, xmlProblem));
      }
      batchNumber++;
      return text;
    };
    const header = serializer.header();
    const footer = serializer.footer();
    if (checkXml) {
      // Items are checked batch by batch; the frame around them is checked once, here.
      const problem = checkXmlDocument(header + footer);
      if (problem !== null) {
        xmlProblem = problem;
        summary.runFindings.push(finding("X01", null, problem));
      }
    }
    yield header;
    const processor = createProcessor(reference, settings, profile, context, summary, options);
    const batchSize = options.batchSize ?? 500;
    let batch: Row[] = [];
    let previousId = 0;
    for await (const product of source.products({ signal: options.signal })) {
      options.signal?.throwIfAborted();
      if (product.id <= previousId) throw new FeedSourceOrderError(previousId, product.id);
      previousId = product.id;
      processor.process(product, batch);
      if (batch.length >= batchSize) {
        yield emit(serializer.rows(batch));
        batch = [];
      }
    }
    if (batch.length > 0) yield emit(serializer.rows(batch));
    processor.finish();
    yield footer;
  }

  return {
    chunks: chunks(),
    summary,
    xmlCheck: () =>
      !checkXml
        ? "skipped"
        : xmlProblem !== null
          ? "failed"
          : xmlMode === "full"
            ? "passed"
            : "sampled",
  };
}

function serializerFor(
  profile: ChannelProfile,
  context: RenderContext,
  settings: FeedSettings,
  encoder: XmlEncoder,
): Serializer {
  if (profile.format === "rss") {
    return createRssSerializer(context.columns, settings.channel, {
      elementPrefix: profile.xml?.elementPrefix ?? "g:",
      encoder,
    });
  }
  if (!profile.delimited)
    throw new FeedConfigurationError(`profile ${profile.id} has no delimited options`);
  return createDelimitedSerializer(context.columns, profile.delimited);
}

interface Processor {
  process(
    product: Parameters<ReturnType<typeof createItemBuilder>["build"]>[0],
    batch: Row[],
  ): void;
  finish(): void;
}

function createProcessor(
  reference: FeedReference,
  settings: FeedSettings,
  profile: ChannelProfile,
  context: RenderContext,
  summary: SummaryBuilder,
  options: EngineOptions,
): Processor {
  const index = buildCatalogIndex(reference, settings);
  const builder = createItemBuilder(settings, index);
  const linkHosts = new Set(
    settings.verifiedDomains.length > 0
      ? settings.verifiedDomains
      : [new URL(settings.linkTemplate.replace(/\{[A-Za-z]+\}/g, "x")).hostname],
  );
  const env: CheckEnvironment = {
    settings,
    linkHosts,
    apparelCountry: APPAREL_COUNTRIES.has(settings.country),
  };
  const titleIndex = context.columns.findIndex((c) => c.value === "title");
  const grouped = context.columns.some((c) => c.value === "itemGroupId");
  const labelIndexes = context.columns.flatMap((c, i) =>
    typeof c.value === "string" && c.value.startsWith("customLabel") ? [i] : [],
  );
  const distinctLabels = labelIndexes.map(() => new Set<string>());
  const stores = profile.rows === "store-item" ? localStores(reference, settings) : [];
  const storeInStock = stores.map(() => 0);
  const onExclusion = options.onExclusion;
  const renderRow = compileColumnRules(context);

  const recordAll = (findings: readonly Finding[], item: FeedItem) => {
    for (const found of findings) summary.record(found, item.id, item.productId);
  };

  const trackLabels = (cells: readonly CellValue[]) => {
    labelIndexes.forEach((cellIndex, i) => {
      const value = cells[cellIndex];
      const set = distinctLabels[i];
      if (typeof value === "string" && set !== undefined && set.size <= 1000)
        set.add(value.toLowerCase());
    });
  };

  function emitItems(drafts: readonly ItemDraft[], batch: Row[]): void {
    const members: (GroupMember & { cells: CellValue[] })[] = drafts.map((draft) => {
      const findings = [...draft.findings];
      const cells = renderRow(draft.item, undefined, findings);
      checkItem(profile, draft.item, env, findings);
      const title = titleIndex === -1 ? draft.item.title : String(cells[titleIndex] ?? "");
      return { item: draft.item, title, findings, cells };
    });
    if (grouped) checkGroup(profile, members);
    for (const member of members) {
      recordAll(member.findings, member.item);
      if (hasError(member.findings)) {
        const errors = member.findings.filter((f) => f.severity === "error");
        summary.itemsExcluded++;
        onExclusion?.({
          kind: "invalid",
          productId: member.item.productId,
          itemId: member.item.id,
          storeCode: null,
          title: member.title,
          errors,
        });
        continue;
      }
      if (member.findings.length > 0) summary.itemsWithWarnings++;
      summary.items++;
      summary.rows++;
      summary.fill(member.cells);
      trackLabels(member.cells);
      batch.push(member.cells);
    }
  }

  function emitStoreRows(drafts: readonly ItemDraft[], batch: Row[]): void {
    for (const draft of drafts) {
      const item = draft.item;
      const itemFindings = [...draft.findings];
      checkItem(profile, item, env, itemFindings);
      recordAll(itemFindings, item);
      const itemErrors = itemFindings.filter((f) => f.severity === "error");
      let written = 0;
      let warned = itemFindings.length > 0;
      storeRows(item, stores, settings.localInventory.limitedAvailabilityBelow).forEach(
        (row, storeIndex) => {
          const findings: Finding[] = [];
          const cells = renderRow(item, row, findings);
          if (row.availability === "in_stock" && row.quantity === 0 && item.stockManaged) {
            findings.push(
              finding("L04", "quantity", "in_stock with quantity 0", { severity: "warning" }),
            );
          }
          recordAll(findings, item);
          const errors =
            itemErrors.length === 0 && !hasError(findings)
              ? itemErrors
              : [...itemErrors, ...findings.filter((f) => f.severity === "error")];
          if (errors.length > 0) {
            onExclusion?.({
              kind: "invalid",
              productId: item.productId,
              itemId: item.id,
              storeCode: row.storeCode,
              title: item.title,
              errors,
            });
            return;
          }
          if (findings.length > 0) warned = true;
          if (row.availability !== "out_of_stock")
            storeInStock[storeIndex] = (storeInStock[storeIndex] ?? 0) + 1;
          written++;
          summary.rows++;
          summary.fill(cells);
          batch.push(cells);
        },
      );
      if (written === 0) {
        summary.itemsExcluded++;
        continue;
      }
      summary.items++;
      if (warned) summary.itemsWithWarnings++;
    }
  }

  return {
    process(product, batch) {
      summary.products++;
      const outcome = builder.build(product);
      if (outcome.kind === "filtered") {
        summary.productsFiltered++;
        summary.filter(outcome.reason);
        onExclusion?.({
          kind: "filtered",
          productId: product.id,
          itemId: null,
          reason: outcome.reason,
        });
        return;
      }
      summary.candidateItems += outcome.items.length + outcome.filtered.length;
      for (const filtered of outcome.filtered) {
        summary.itemsFiltered++;
        summary.filter(filtered.reason);
        onExclusion?.({
          kind: "filtered",
          productId: product.id,
          itemId: filtered.itemId,
          reason: filtered.reason,
        });
      }
      if (profile.rows === "store-item") emitStoreRows(outcome.items, batch);
      else emitItems(outcome.items, batch);
    },
    finish() {
      labelIndexes.forEach((cellIndex, i) => {
        if ((distinctLabels[i]?.size ?? 0) > 1000) {
          const name = context.columns[cellIndex]?.name ?? "custom label";
          summary.runFindings.push(
            finding(
              "I20",
              name,
              `${name} has more than 1000 distinct values; Google ignores the excess`,
              { severity: "warning" },
            ),
          );
        }
      });
      stores.forEach(({ setting }, i) => {
        if ((storeInStock[i] ?? 0) === 0) {
          summary.runFindings.push(
            finding("L08", "store_code", `store ${setting.storeCode} has no item in stock`, {
              value: setting.storeCode,
            }),
          );
        }
      });
    },
  };
}

function hasError(findings: readonly Finding[]): boolean {
  for (const found of findings) if (found.severity === "error") return true;
  return false;
}

function localStores(reference: FeedReference, settings: FeedSettings) {
  const configured = settings.localInventory.stores;
  if (configured.length === 0) {
    throw new FeedConfigurationError(
      "local inventory needs at least one store in settings.localInventory.stores (store id and Google store code)",
    );
  }
  return configured.map((setting) => {
    const store = reference.stores.find((s) => s.id === setting.storeId);
    const warehouseIds =
      setting.warehouseIds ?? (store?.warehouseId == null ? [] : [store.warehouseId]);
    if (warehouseIds.length === 0) {
      throw new FeedConfigurationError(
        `store ${setting.storeId} (${setting.storeCode}) has no warehouse: it is not in the catalog mirror; set its warehouseIds`,
      );
    }
    return { setting, warehouseIds };
  });
}
