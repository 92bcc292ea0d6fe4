import type { FeedReference, FeedSource, SourceProduct } from "./types.ts";

const EMPTY_REFERENCE: FeedReference = {
  categories: [],
  brands: [],
  stores: [],
  warehouses: [],
  taxes: [],
  tagCategories: [],
};

/**
 * A FeedSource over arrays, for tests and examples. Products are served sorted by id (as the
 * contract requires) whatever order they were given in.
 */
export function memoryFeedSource(input: {
  readonly reference?: Partial<FeedReference>;
  readonly products: readonly SourceProduct[];
}): FeedSource {
  const reference: FeedReference = { ...EMPTY_REFERENCE, ...input.reference };
  const products = [...input.products].sort((a, b) => a.id - b.id);
  return {
    reference: async () => reference,
    async *products() {
      yield* products;
    },
  };
}

/** A FeedSource whose products come from a generator function, e.g. a seeded synthetic one. */
export function generatedFeedSource(
  reference: FeedReference,
  products: () => AsyncIterable<SourceProduct> | Iterable<SourceProduct>,
): FeedSource {
  return {
    reference: async () => reference,
    async *products() {
      yield* products();
    },
  };
}
