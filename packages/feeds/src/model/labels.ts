import type { Money, VatRate } from "@comptoir/api-client";
import type { CustomLabelSetting } from "../settings/schema.ts";
import { truncateText } from "../text/clean.ts";
import type { CategoryFacts } from "./catalog-index.ts";

export interface LabelInputs {
  readonly price: Money;
  readonly supplyPrice: Money | null;
  readonly vatRate: VatRate | null;
  readonly quantity: number;
  readonly stockManaged: boolean;
  readonly brand: string | null;
  readonly category: CategoryFacts | undefined;
}

/** custom_label_0 … custom_label_4 from POS data, for bidding segments (not shown to shoppers). */
export function customLabels(
  settings: readonly CustomLabelSetting[],
  inputs: LabelInputs,
): (string | null)[] {
  const labels: (string | null)[] = [null, null, null, null, null];
  settings.forEach((setting, index) => {
    const value = labelValue(setting, inputs);
    labels[index] = value === null ? null : truncateText(value, 100);
  });
  return labels;
}

function labelValue(setting: CustomLabelSetting, inputs: LabelInputs): string | null {
  switch (setting.source) {
    case "margin-band":
      return marginBand(setting.bands, inputs);
    case "stock-level":
      if (!inputs.stockManaged) return "stock-not-managed";
      if (inputs.quantity <= 0) return "stock-out";
      if (inputs.quantity <= setting.low) return "stock-low";
      return inputs.quantity <= setting.high ? "stock-medium" : "stock-high";
    case "brand":
      return inputs.brand;
    case "category":
      return inputs.category?.names[setting.depth - 1] ?? inputs.category?.names.at(-1) ?? null;
    case "static":
      return setting.value;
    case "none":
      return null;
  }
}

/**
 * Margin on the net (VAT-excluded) price, banded: "margin-0-20", "margin-20-40", …, "margin-60+".
 * Only a label, so binary floating point is fine here; amounts sent to channels stay exact.
 */
function marginBand(bands: readonly number[], inputs: LabelInputs): string | null {
  if (inputs.supplyPrice === null || inputs.price.isZero()) return null;
  const vat = inputs.vatRate ? toNumber(inputs.vatRate.fraction) : 0;
  const net = toNumber(inputs.price) / (1 + vat);
  const margin = ((net - toNumber(inputs.supplyPrice)) / net) * 100;
  if (margin < 0) return "margin-negative";
  const sorted = sortedBands(bands);
  let lower = 0;
  for (const upper of sorted) {
    if (margin < upper) return `margin-${lower}-${upper}`;
    lower = upper;
  }
  return `margin-${lower}+`;
}

const SORTED_BANDS = new WeakMap<readonly number[], readonly number[]>();

/** The settings' bands in ascending order, sorted once per settings object rather than per item. */
function sortedBands(bands: readonly number[]): readonly number[] {
  let sorted = SORTED_BANDS.get(bands);
  if (sorted === undefined) {
    sorted = [...bands].sort((a, b) => a - b);
    SORTED_BANDS.set(bands, sorted);
  }
  return sorted;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Decimal.toNumber() without its text round trip: when units and 10^scale are exact doubles,
 * one IEEE division gives the correctly rounded value, the same double as Number("12.34").
 */
function toNumber(value: Money): number {
  const { units, scale } = value;
  if (scale > 22 || units > MAX_SAFE || units < -MAX_SAFE) return value.toNumber();
  return Number(units) / 10 ** scale;
}
