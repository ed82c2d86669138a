import Link from "next/link";
import { cappedCountText } from "@/lib/dashboard/counts";

// Rows of links that narrow a list (심사 상태, 기간 …), the current one filled in; each may
// carry its count. Links rather than buttons: the choice lives in the URL and works without
// JavaScript. A page describes each row (tabStrip) and TabStrips draws them.

/** A count as a query gives it: exact, or stopped at its cap ("1만 건 이상"). */
type TabCount = number | { count: number; capped: boolean };

export interface TabChoice<Value> {
  value: Value;
  label: string;
  count?: TabCount;
}

interface PillTab {
  label: string;
  href: string;
  active: boolean;
  count?: string;
}

interface Strip {
  label: string;
  tabs: PillTab[];
}

/** "전체" (the key left out of the URL) and then one tab per code, each with its count. */
export function choicesWithAll<Code extends string>(
  total: TabCount,
  codes: readonly Code[],
  label: (code: Code) => string,
  count?: (code: Code) => TabCount,
): TabChoice<Code | undefined>[] {
  return [
    { value: undefined, label: "전체", count: total },
    ...codes.map((code) => ({ value: code, label: label(code), count: count?.(code) })),
  ];
}

/**
 * One row of tabs: its accessible name, the choices, the one the URL holds now and the link
 * to each (the page's own query string, so the other filters stay).
 */
export function tabStrip<Value>({
  label,
  choices,
  current,
  href,
}: {
  label: string;
  choices: readonly TabChoice<Value>[];
  current: Value;
  href: (value: Value) => string;
}): Strip {
  return {
    label,
    tabs: choices.map((choice) => ({
      label: choice.label,
      href: href(choice.value),
      active: choice.value === current,
      count: countText(choice.count),
    })),
  };
}

function countText(count: TabCount | undefined): string | undefined {
  if (count === undefined) return undefined;
  return typeof count === "number" ? count.toLocaleString("ko-KR") : cappedCountText(count);
}

/** The rows above a list: one alone, or two spread across the line (a status and a period). */
export function TabStrips({ strips }: { strips: Strip[] }) {
  return (
    <div className={strips.length > 1 ? "mb-4 flex flex-wrap items-center justify-between gap-2" : "mb-4"}>
      {strips.map((strip) => (
        <PillTabs key={strip.label} {...strip} />
      ))}
    </div>
  );
}

function PillTabs({ label, tabs }: Strip) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1.5">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.active ? "page" : undefined}
              className={`flex items-center gap-1.5 rounded-full border px-3 py-1.5 text-sm whitespace-nowrap ${
                tab.active
                  ? "border-slate-900 bg-slate-900 font-semibold text-white"
                  : "border-slate-300 bg-white text-slate-700 hover:border-slate-500"
              }`}
            >
              {tab.label}
              {tab.count === undefined ? null : (
                <span
                  className={`rounded-full px-1.5 text-xs tabular-nums ${tab.active ? "bg-white/20 text-white" : "bg-slate-100 text-slate-600"}`}
                >
                  {tab.count}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
