import { MutationKit } from "./kit.ts";
import { createProductMutations } from "./products.ts";
import { createSaleMutations } from "./sales.ts";
import type { MutationDeps, Mutations } from "./types.ts";

export type { MutationDeps, Mutations, ProductInput, SaleInput, SaleLineInput } from "./types.ts";

export function createMutations(deps: MutationDeps): Mutations {
  const kit = new MutationKit(deps);
  return { ...createProductMutations(kit), ...createSaleMutations(kit) };
}
