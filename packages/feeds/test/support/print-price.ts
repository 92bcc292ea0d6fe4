// Run in a child process with a French locale by item-model.test.ts.
import { Decimal } from "@comptoir/api-client";
import { formatPrice } from "../../src/index.ts";

process.stdout.write(
  `${new Intl.NumberFormat().format(1234.5)}\n${formatPrice(Decimal.parse("1234.5"), "EUR")}\n`,
);
