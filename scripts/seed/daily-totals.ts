import type { ApprovalState } from "@/db/schema";
import { DAY_MS, formatKstDate, HOUR_MS } from "@/lib/kst";

// The approval_daily_totals rows of the approvals a seed writes, added up as they are generated
// (a few thousand keys for years of history), so the rollup costs no second pass over the table.

export interface DailyTotal {
  day: string;
  apprState: ApprovalState;
  apprPayType: string;
  approvals: number;
  amount: number;
}

export type DailyTotalsMap = Map<string, DailyTotal>;

export function addToDailyTotals(
  totals: DailyTotalsMap,
  approval: { apprDt: Date; apprState: ApprovalState; apprPayType: string | null; apprPrice: number },
) {
  const dayIndex = Math.floor((approval.apprDt.getTime() + 9 * HOUR_MS) / DAY_MS);
  const payType = approval.apprPayType ?? "";
  const key = `${dayIndex}|${approval.apprState}|${payType}`;
  const total = totals.get(key);
  if (total) {
    total.approvals++;
    total.amount += approval.apprPrice;
    return;
  }
  totals.set(key, {
    day: formatKstDate(approval.apprDt),
    apprState: approval.apprState,
    apprPayType: payType,
    approvals: 1,
    amount: approval.apprPrice,
  });
}

/** Several slices' totals as one (each key once). */
export function mergeDailyTotals(parts: Iterable<DailyTotal[]>): DailyTotal[] {
  const merged = new Map<string, DailyTotal>();
  for (const part of parts) {
    for (const total of part) {
      const key = `${total.day}|${total.apprState}|${total.apprPayType}`;
      const existing = merged.get(key);
      if (existing) {
        existing.approvals += total.approvals;
        existing.amount += total.amount;
      } else {
        merged.set(key, { ...total });
      }
    }
  }
  return [...merged.values()];
}
