"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyApprovals } from "@/lib/dashboard/overview";
import { formatWon } from "@/lib/money";

const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

// About six labels, evenly spaced and counted back from today, so the last bar is always named
// and the gaps between labels are equal (recharts' own choice skips unevenly to fit the text).
function evenTicks(days: DailyApprovals[]): string[] {
  const step = Math.max(1, Math.ceil(days.length / 6));
  return days.filter((_, index) => (days.length - 1 - index) % step === 0).map((day) => day.day);
}

/** Fills its card's height (beside a taller card on a wide screen), at least 16rem. */
export function DailyApprovalsChart({ days }: { days: DailyApprovals[] }) {
  return (
    <div className="h-64 w-full xl:h-full xl:min-h-64" role="img" aria-label="최근 30일 일별 승인 건수 막대 그래프">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} ticks={evenTicks(days)} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip
            labelFormatter={(day) => `${day} (KST)`}
            formatter={(value, _name, item) => [
              `${Number(value).toLocaleString("ko-KR")}건 · ${formatWon((item.payload as DailyApprovals).sum)}`,
              "승인",
            ]}
          />
          <Bar dataKey="count" fill="#0f172a" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
