"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyApprovals } from "@/db/queries/overview";
import { formatWon } from "@/lib/money";

const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

export function DailyApprovalsChart({ days }: { days: DailyApprovals[] }) {
  return (
    <div className="h-64 w-full" role="img" aria-label="최근 30일 일별 승인 건수 막대 그래프">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tick={{ fontSize: 11 }}
            interval="preserveStartEnd"
            minTickGap={12}
          />
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
