import type { VatCategory } from "@comptoir/templates";
import { netOfGross, netResidual, vatOfNet } from "../money.ts";

/**
 * ROUNDING POLICY — how POS amounts become EN 16931 amounts (see also README.md).
 *
 * All arithmetic is on integer cents. The till charged each line a VAT-inclusive amount G (its
 * `total.gross`); that is the ground truth, because it is what the customer paid.
 *
 * 1. Lines are grouped by VAT category and rate; a group's gross Gr = Σ G is exact.
 * 2. The group's taxable base Br is Hiboutik's per-rate summary net when a summary row for that
 *    rate has the same gross and a VAT within one cent of Br × rate (so the invoice's VAT is the
 *    receipt's and the Z report's); otherwise Br = round(Gr / (1 + rate)), half away from zero.
 *    The group's VAT is Gr − Br (0 for a category without VAT).
 * 3. Each line's net is first round(G / (1 + rate)); their sum can miss Br by a cent or more (the
 *    "one-cent case": Hiboutik rounds every line and every rate separately). The difference is
 *    then spread one cent at a time onto the lines whose rounding lost the most (largest
 *    remainder; ties go to the earlier line), so Σ line nets = Br exactly (BR-S-08, BR-CO-10).
 * 4. Hence BT-112 = Σ Gr = what the customer paid, BT-110 = Σ (Gr − Br), and BT-117 is within one
 *    cent of Br × rate (BR-CO-17 allows one unit).
 *
 * Sales priced without VAT (`pricesWithoutTaxes`) are the other way round: line nets are exact,
 * Br = Σ nets, VAT = the summary's when consistent, else round(Br × rate).
 */

export interface PricedLine {
  readonly category: VatCategory;
  /** VAT-inclusive amount in cents (signed); for net-priced lines, the exact net. */
  readonly cents: bigint;
}

/** A per-rate total the POS printed, used when it agrees with the lines. */
export interface RateSummary {
  readonly category: VatCategory;
  readonly netCents: bigint;
  readonly taxCents: bigint;
  readonly grossCents: bigint;
}

export interface ReconciledGroup {
  readonly category: VatCategory;
  readonly baseCents: bigint;
  readonly taxCents: bigint;
  readonly grossCents: bigint;
}

export interface Reconciliation {
  /** Net amount of each line, in input order. */
  readonly lineNets: readonly bigint[];
  readonly groups: readonly ReconciledGroup[];
}

export function categoryKey(category: VatCategory): string {
  return `${category.code}:${category.rate.fraction.toString()}`;
}

function hasVat(category: VatCategory): boolean {
  return category.code === "S" && !category.rate.fraction.isZero();
}

function withinOneCent(a: bigint, b: bigint): boolean {
  const difference = a - b;
  return difference >= -1n && difference <= 1n;
}

function groupIndexes(lines: readonly PricedLine[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  lines.forEach((line, index) => {
    const key = categoryKey(line.category);
    const members = groups.get(key);
    if (members) members.push(index);
    else groups.set(key, [index]);
  });
  return groups;
}

/** Spreads `difference` cents over the members, largest residual first (see policy step 3). */
function spread(
  members: readonly number[],
  nets: bigint[],
  residualOf: (index: number) => bigint,
  difference: bigint,
): void {
  const step = difference > 0n ? 1n : -1n;
  let left = difference;
  while (left !== 0n) {
    // Adding a cent suits the line whose exact value is furthest above its rounded net.
    const order = [...members].sort((a, b) => {
      const ra = residualOf(a) * step;
      const rb = residualOf(b) * step;
      return ra === rb ? a - b : rb > ra ? 1 : -1;
    });
    for (const index of order) {
      if (left === 0n) break;
      nets[index] = (nets[index] ?? 0n) + step;
      left -= step;
    }
  }
}

/** VAT-inclusive lines → line nets and per-rate groups, following the policy above. */
export function reconcileGrossLines(
  lines: readonly PricedLine[],
  summaries: readonly RateSummary[] = [],
): Reconciliation {
  const nets = lines.map((line) =>
    hasVat(line.category) ? netOfGross(line.cents, line.category.rate) : line.cents,
  );
  const groups: ReconciledGroup[] = [];
  for (const members of groupIndexes(lines).values()) {
    const first = lines[members[0] ?? 0];
    if (!first) continue;
    const category = first.category;
    const grossCents = members.reduce((sum, index) => sum + (lines[index]?.cents ?? 0n), 0n);
    if (!hasVat(category)) {
      groups.push({ category, baseCents: grossCents, taxCents: 0n, grossCents });
      continue;
    }
    const summary = summaries.find(
      (row) =>
        categoryKey(row.category) === categoryKey(category) &&
        row.grossCents === grossCents &&
        row.netCents + row.taxCents === grossCents &&
        withinOneCent(row.taxCents, vatOfNet(row.netCents, category.rate)),
    );
    const baseCents = summary?.netCents ?? netOfGross(grossCents, category.rate);
    const lineSum = members.reduce((sum, index) => sum + (nets[index] ?? 0n), 0n);
    spread(
      members,
      nets,
      (index) => netResidual(lines[index]?.cents ?? 0n, nets[index] ?? 0n, category.rate),
      baseCents - lineSum,
    );
    groups.push({ category, baseCents, taxCents: grossCents - baseCents, grossCents });
  }
  return { lineNets: nets, groups };
}

/** Net-priced lines: nets are exact; VAT per rate from a consistent summary, else computed. */
export function reconcileNetLines(
  lines: readonly PricedLine[],
  summaries: readonly RateSummary[] = [],
): Reconciliation {
  const groups: ReconciledGroup[] = [];
  for (const members of groupIndexes(lines).values()) {
    const first = lines[members[0] ?? 0];
    if (!first) continue;
    const category = first.category;
    const baseCents = members.reduce((sum, index) => sum + (lines[index]?.cents ?? 0n), 0n);
    let taxCents = 0n;
    if (hasVat(category)) {
      const computed = vatOfNet(baseCents, category.rate);
      const summary = summaries.find(
        (row) =>
          categoryKey(row.category) === categoryKey(category) &&
          row.netCents === baseCents &&
          withinOneCent(row.taxCents, computed),
      );
      taxCents = summary?.taxCents ?? computed;
    }
    groups.push({ category, baseCents, taxCents, grossCents: baseCents + taxCents });
  }
  return { lineNets: lines.map((line) => line.cents), groups };
}
