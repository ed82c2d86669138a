import Link from "next/link";

// A row of links that narrow a list (심사 상태, 기간 …), the current one filled in; each may
// carry its count. Links rather than buttons: the choice lives in the URL and works without
// JavaScript.

export interface PillTab {
  label: string;
  href: string;
  active: boolean;
  /** Already formatted ("1,234", "1만 건 이상"). */
  count?: string;
}

export function PillTabs({ label, tabs }: { label: string; tabs: PillTab[] }) {
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
