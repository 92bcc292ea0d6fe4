import type { Account } from "./account.ts";
import { formatDate } from "./clock.ts";
import type { CatalogView } from "./types.ts";
import type { WireContext } from "./wire/context.ts";
import { customerActivity, customerDetailWire } from "./wire/customers.ts";
import { productWire } from "./wire/products.ts";
import { saleWire } from "./wire/sales.ts";

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Ground truth for tests, in wire form, read without going through HTTP (nor the quota). */
export function createCatalogView(account: Account, ctx: WireContext): CatalogView {
  return {
    get productCount() {
      return account.productCount;
    },
    product: (id) => {
      const spec = account.product(id);
      return spec && productWire(spec, ctx, "detail");
    },
    listRecord: (id) => {
      const spec = account.product(id);
      return spec && productWire(spec, ctx, "list");
    },
    get generatedCount() {
      return account.generator.generated;
    },
    get customerCount() {
      return account.customerCount;
    },
    customer: (id) => {
      const customer = account.customer(id);
      return (
        customer &&
        customerDetailWire(customer, customerActivity(customer, account.customerSales(id)))
      );
    },
    get saleCount() {
      return account.history.saleCount + account.createdSaleCount;
    },
    sale: (id) => {
      const sale = account.sale(id);
      return sale && saleWire(sale, ctx);
    },
    closedSaleIds: (storeId, day) => {
      const match = DAY_PATTERN.exec(day);
      if (!match) throw new Error(`Expected a day as YYYY-MM-DD, got "${day}"`);
      return account.closedSaleIds(
        storeId,
        Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])),
      );
    },
    historyDays: () => account.historyDays().map(formatDate),
  };
}
