import { type HiboutikInvalidRecordError, HiboutikNotFoundError } from "./http/errors.ts";
import type { RecordCodec, RecordResult } from "./parse/record.ts";

/** Hiboutik returns 250 rows per page. */
export const PAGE_SIZE = 250;

/**
 * Total row count from `Content-Range`. Both observed forms, "1-250/2676" and
 * "items 0-249/1327", end with "/total", so the number after the last "/" is read.
 */
export function parseContentRangeTotal(header: string | null): number | null {
  if (header === null) return null;
  const match = /\/\s*(\d+)\s*$/.exec(header);
  return match?.[1] === undefined ? null : Number(match[1]);
}

export interface PageSource {
  /** Sends `?p=` from page 1 on; bulk endpoints (stock) get it only if they turn out to paginate. */
  readonly paginated: boolean;
  /** A 404 on page 1 means "nothing" (searches, days without sales). */
  readonly emptyOn404?: boolean;
  fetch(page: number): Promise<{ rows: unknown[]; total: number | null; endpoint: string }>;
}

export class Page<T> {
  /** 1-based page number. */
  readonly number: number;
  /** Every row of the page, parsed or rejected, in wire order. */
  readonly records: readonly RecordResult<T>[];
  /** Rows in the whole list, when Hiboutik sent Content-Range (known from the first page on). */
  readonly total: number | null;
  /** Pages in the whole list, when `total` is known. */
  readonly totalPages: number | null;

  constructor(number: number, records: RecordResult<T>[], total: number | null, pageSize: number) {
    this.number = number;
    this.records = records;
    this.total = total;
    this.totalPages = total === null ? null : Math.max(1, Math.ceil(total / pageSize));
  }

  /** The records that parsed. */
  get values(): T[] {
    const values: T[] = [];
    for (const record of this.records) if (record.ok) values.push(record.value);
    return values;
  }

  /** Why the other records were left out. */
  get invalid(): HiboutikInvalidRecordError[] {
    const errors: HiboutikInvalidRecordError[] = [];
    for (const record of this.records) if (!record.ok) errors.push(record.error);
    return errors;
  }
}

/**
 * A list endpoint, read lazily page by page: only the current page is held in memory.
 * Iterating it yields one RecordResult per row so that a bad record can be skipped with its
 * reason; `pages()` gives page-level progress; `values()` is the strict form that throws.
 * Each iteration re-reads the list from the first page (and spends calls again).
 */
export class Listing<T> implements AsyncIterable<RecordResult<T>> {
  readonly #source: PageSource;
  readonly #codec: RecordCodec<T>;

  constructor(source: PageSource, codec: RecordCodec<T>) {
    this.#source = source;
    this.#codec = codec;
  }

  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let number = 1;
    let seen = 0;
    let total: number | null = null;
    let pageSize = PAGE_SIZE;
    let previousFirstRow: string | undefined;

    for (;;) {
      let fetched: Awaited<ReturnType<PageSource["fetch"]>>;
      try {
        fetched = await this.#source.fetch(number);
      } catch (error) {
        if (!(error instanceof HiboutikNotFoundError)) throw error;
        // Past the end of a list whose size Hiboutik did not announce.
        if (number > 1 && total === null) return;
        if (number === 1 && this.#source.emptyOn404) {
          yield new Page<T>(1, [], 0, pageSize);
          return;
        }
        throw error;
      }
      const { rows, endpoint } = fetched;
      total = fetched.total ?? total;
      if (number === 1) pageSize = Math.max(PAGE_SIZE, rows.length);

      const firstRow = rows.length > 0 ? JSON.stringify(rows[0]) : undefined;
      // An endpoint that ignores `p` sends page 1 again: stop rather than loop forever.
      if (number > 1 && (rows.length === 0 || firstRow === previousFirstRow)) return;
      previousFirstRow = firstRow;
      seen += rows.length;

      const records = rows.map((row) => this.#codec.parse(row, endpoint));
      yield new Page(number, records, total, pageSize);

      const more =
        total !== null
          ? seen < total && rows.length > 0
          : this.#source.paginated && rows.length === PAGE_SIZE;
      if (!more) return;
      number += 1;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordResult<T>, void, undefined> {
    for await (const page of this.pages()) yield* page.records;
  }

  /** Parsed records only; throws the first HiboutikInvalidRecordError met. */
  async *values(): AsyncGenerator<T, void, undefined> {
    for await (const record of this) {
      if (!record.ok) throw record.error;
      yield record.value;
    }
  }

  /** Reads the whole list into memory; meant for small lists (categories, taxes, stores). */
  async collect(): Promise<{ values: T[]; invalid: HiboutikInvalidRecordError[] }> {
    const values: T[] = [];
    const invalid: HiboutikInvalidRecordError[] = [];
    for await (const record of this) {
      if (record.ok) values.push(record.value);
      else invalid.push(record.error);
    }
    return { values, invalid };
  }

  /** Strict `collect`: every record must parse. */
  async toArray(): Promise<T[]> {
    const values: T[] = [];
    for await (const value of this.values()) values.push(value);
    return values;
  }
}
