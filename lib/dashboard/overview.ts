import type { Database } from "@/db";
import { getApprovedDailyTotals } from "@/db/queries/overview";
import { addDays, formatKstDate, kstMidnight } from "@/lib/kst";

// The overview's approval figures: the last 30 KST days, each day present (0 when nothing was
// approved), and the totals of today, the last 7 and the last 30 days.

/** Midnight KST of today and of the first of the last 7 and 30 days (today included). */
export function overviewWindows(now = new Date()) {
  const today = kstMidnight(now);
  return { today, week: addDays(today, -6), month: addDays(today, -29) };
}

export interface DailyApprovals {
  day: string;
  count: number;
  sum: number;
}

/** Approved (F) payments per KST day over the last 30 days, oldest first. */
export async function getDailyApprovals(db: Database, now = new Date()): Promise<DailyApprovals[]> {
  const { month } = overviewWindows(now);
  const byDay = new Map((await getApprovedDailyTotals(db, month)).map((row) => [row.day, row]));
  return Array.from({ length: 30 }, (_, index) => {
    const day = formatKstDate(addDays(month, index));
    return byDay.get(day) ?? { day, count: 0, sum: 0 };
  });
}

export function totalsSince(days: DailyApprovals[], since: Date) {
  const first = formatKstDate(since);
  const included = days.filter((day) => day.day >= first);
  return {
    count: included.reduce((total, day) => total + day.count, 0),
    sum: included.reduce((total, day) => total + day.sum, 0),
  };
}
