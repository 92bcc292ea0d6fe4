export type {
  BlobInfo,
  BlobReadResult,
  BlobStore,
  ByteRange,
  GetOptions,
  PutOptions,
} from "./blob-store.ts";
export { contentTypeForKey } from "./content-type.ts";
export { InvalidBlobKeyError, RangeNotSatisfiableError } from "./errors.ts";
export { assertValidKey } from "./keys.ts";
export { createLocalFsStore, type LocalFsStoreOptions } from "./local-fs-store.ts";
export { createMemoryStore } from "./memory-store.ts";
export { openBlobStore } from "./open-blob-store.ts";
