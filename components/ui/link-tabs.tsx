import Link from "next/link";

// Filter tabs as plain links (they work without JavaScript), each with its count; the current
// one is marked aria-current.

export interface LinkTab {
  label: string;
  href: string;
  active: boolean;
  count: number;
}

export function LinkTabs({ label, tabs }: { label: string; tabs: LinkTab[] }) {
  return (
    <nav aria-label={label} className="mb-4">
      <ul className="flex flex-wrap gap-1.5">
        {tabs.map((tab) => (
          <li key={tab.label}>
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
              <span
                className={`rounded-full px-1.5 text-xs tabular-nums ${tab.active ? "bg-white/20 text-white" : "bg-slate-100 text-slate-600"}`}
              >
                {tab.count.toLocaleString("ko-KR")}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
