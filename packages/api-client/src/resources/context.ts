import type { Transport } from "../http/transport.ts";
import { Listing, parseContentRangeTotal } from "../pagination.ts";
import { listRows, parseOrThrow, type RecordCodec, singleRow } from "../parse/record.ts";

/** What every resource module needs from the client. */
export interface ResourceContext {
  readonly transport: Transport;
  /** API base without trailing slash, to resolve relative image names. */
  readonly baseUrl: string;
  /** The client's clock (epoch ms). */
  readonly now: () => number;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  /** Send `?p=` (paginated lists); bulk endpoints answer everything in one response. */
  readonly paginated?: boolean;
  /** A 404 on the first page means an empty list. */
  readonly emptyOn404?: boolean;
}

export function listing<T>(
  context: ResourceContext,
  path: string,
  codec: RecordCodec<T>,
  options: ListOptions = {},
): Listing<T> {
  const paginated = options.paginated ?? true;
  return new Listing(
    {
      paginated,
      emptyOn404: options.emptyOn404 ?? false,
      async fetch(page) {
        const response = await context.transport.send({
          path,
          query: paginated || page > 1 ? { p: page } : undefined,
          signal: options.signal,
        });
        return {
          rows: listRows(response.body, response.endpoint),
          total: parseContentRangeTotal(response.headers.get("content-range")),
          endpoint: response.endpoint,
        };
      },
    },
    codec,
  );
}

export async function getOne<T>(
  context: ResourceContext,
  path: string,
  codec: RecordCodec<T>,
  options: CallOptions = {},
): Promise<T> {
  const response = await context.transport.send({ path, signal: options.signal });
  return parseOrThrow(codec, singleRow(response.body, response.endpoint), response.endpoint);
}
