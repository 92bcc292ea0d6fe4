import type { ProfileId } from "../profiles/types.ts";
import {
  type FilterReason,
  type Finding,
  RULES,
  type RuleCode,
  type Severity,
} from "../validation/rules.ts";

export const EXAMPLES_PER_RULE = 5;

export interface RuleExample {
  readonly itemId: string | null;
  readonly productId: number | null;
  readonly attribute: string | null;
  readonly message: string;
  readonly value?: string;
}

export interface RuleCount {
  readonly code: RuleCode;
  readonly title: string;
  /** Findings of error severity (each excluded its item or row). */
  readonly errors: number;
  readonly warnings: number;
  readonly examples: readonly RuleExample[];
}

export interface FillRate {
  readonly attribute: string;
  readonly filled: number;
  readonly total: number;
  /** filled / total, 0 when there are no rows. */
  readonly rate: number;
}

export interface OutputFacts {
  /** Bytes as stored (gzipped when gzip is on). */
  readonly bytes: number;
  readonly uncompressedBytes: number;
  /** SHA-256 (hex) of the bytes as stored: the blob's ETag is derived from it. */
  readonly sha256: string;
  /** SHA-256 (hex) of the uncompressed content, stable across gzip settings. */
  readonly contentSha256: string;
  readonly gzip: boolean;
  readonly contentType: string;
  /**
   * Streaming well-formedness check of XML output: "passed" (every batch parsed), "sampled"
   * (frame and first batch parsed, one batch in 32 checked), "failed", or "skipped"
   * (delimited files, or turned off).
   */
  readonly xmlCheck: "passed" | "sampled" | "failed" | "skipped";
}

/**
 * Everything a run learned, with no timestamps: two runs over the same data give equal
 * summaries. Stored with the run; the publish gate and `feeds audit` read it.
 */
export interface RunSummary {
  readonly profile: ProfileId;
  readonly counts: {
    /** Products read from the source. */
    readonly products: number;
    /** Products left out by the feed's filters. */
    readonly productsFiltered: number;
    /** Variants of the products that passed the product filters. */
    readonly candidateItems: number;
    /** Variants left out by item-level filters (in stock only, has GTIN…). */
    readonly itemsFiltered: number;
    /** Items excluded by validation errors. */
    readonly itemsExcluded: number;
    /** Items written (at least one row). */
    readonly items: number;
    readonly itemsWithWarnings: number;
    /** Rows written: items, or store × item rows for local inventory. */
    readonly rows: number;
  };
  /** Excluded items / (written + excluded items). */
  readonly errorRate: number;
  readonly filtered: readonly { readonly reason: FilterReason; readonly count: number }[];
  readonly rules: readonly RuleCount[];
  /** Run-level findings (not tied to one item), e.g. L08 or I20's distinct-value limit. */
  readonly runFindings: readonly Finding[];
  readonly fillRates: readonly FillRate[];
  readonly output: OutputFacts;
}

interface MutableRule {
  errors: number;
  warnings: number;
  examples: RuleExample[];
}

export class SummaryBuilder {
  products = 0;
  productsFiltered = 0;
  candidateItems = 0;
  itemsFiltered = 0;
  itemsExcluded = 0;
  items = 0;
  itemsWithWarnings = 0;
  rows = 0;
  readonly runFindings: Finding[] = [];
  private readonly filtered = new Map<FilterReason, number>();
  private readonly rules = new Map<RuleCode, MutableRule>();
  private readonly filled: number[];

  constructor(
    private readonly profile: ProfileId,
    private readonly attributes: readonly string[],
  ) {
    this.filled = attributes.map(() => 0);
  }

  filter(reason: FilterReason, count = 1): void {
    this.filtered.set(reason, (this.filtered.get(reason) ?? 0) + count);
  }

  record(found: Finding, itemId: string | null, productId: number | null): void {
    let rule = this.rules.get(found.code);
    if (!rule) {
      rule = { errors: 0, warnings: 0, examples: [] };
      this.rules.set(found.code, rule);
    }
    if (found.severity === "error") rule.errors++;
    else rule.warnings++;
    if (rule.examples.length < EXAMPLES_PER_RULE) {
      rule.examples.push({
        itemId,
        productId,
        attribute: found.attribute,
        message: found.message,
        ...(found.value === undefined ? {} : { value: found.value }),
      });
    }
  }

  /** Counts a written row's non-empty cells for the fill rates. */
  fill(cells: readonly unknown[]): void {
    for (let i = 0; i < cells.length; i++)
      if (cells[i] !== undefined) this.filled[i] = (this.filled[i] ?? 0) + 1;
  }

  finish(output: OutputFacts): RunSummary {
    for (const found of this.runFindings) this.record(found, null, null);
    const considered = this.items + this.itemsExcluded;
    return {
      profile: this.profile,
      counts: {
        products: this.products,
        productsFiltered: this.productsFiltered,
        candidateItems: this.candidateItems,
        itemsFiltered: this.itemsFiltered,
        itemsExcluded: this.itemsExcluded,
        items: this.items,
        itemsWithWarnings: this.itemsWithWarnings,
        rows: this.rows,
      },
      errorRate: considered === 0 ? 0 : this.itemsExcluded / considered,
      filtered: [...this.filtered]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([reason, count]) => ({ reason, count })),
      rules: [...this.rules]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, rule]) => ({ code, title: RULES[code].title, ...rule })),
      runFindings: this.runFindings,
      fillRates: this.attributes.map((attribute, i) => {
        const filled = this.filled[i] ?? 0;
        return {
          attribute,
          filled,
          total: this.rows,
          rate: this.rows === 0 ? 0 : filled / this.rows,
        };
      }),
      output,
    };
  }
}

export function severityOf(findings: readonly Finding[]): Severity | null {
  if (findings.some((f) => f.severity === "error")) return "error";
  return findings.length > 0 ? "warning" : null;
}
