import { join } from "node:path";
import type { BlobStore } from "./blob-store.ts";
import { createLocalFsStore } from "./local-fs-store.ts";

/**
 * The blob store the configuration names: today the local filesystem under
 * `<dataDir>/blobs`. Typed structurally (any `Config` fits) so storage needs no config package.
 */
export function openBlobStore(config: { readonly dataDir: string }): BlobStore {
  return createLocalFsStore({ root: join(config.dataDir, "blobs") });
}
