"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type CSSProperties, useEffect, useRef, useState } from "react";
import { dashboardPages, pageOfPath } from "@/lib/dashboard/pages";

// On a phone the links are one row that scrolls sideways: the current one is scrolled into view
// (centred), and a fade at an edge says more links lie that way. From lg up they are a column.
export function Nav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  const current = pageOfPath(pathname)?.href;
  const listRef = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ before: false, after: false });

  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = () =>
      setMore({
        before: list.scrollLeft > 1,
        after: list.scrollLeft + list.clientWidth < list.scrollWidth - 1,
      });
    const active = current ? list.querySelector<HTMLElement>(`a[href="${current}"]`) : null;
    if (active && list.scrollWidth > list.clientWidth) {
      list.scrollLeft = active.offsetLeft - (list.clientWidth - active.offsetWidth) / 2;
    }
    measure();
    list.addEventListener("scroll", measure, { passive: true });
    window.addEventListener("resize", measure);
    return () => {
      list.removeEventListener("scroll", measure);
      window.removeEventListener("resize", measure);
    };
  }, [current]);

  const fade = `${more.before ? "transparent, black 2rem" : "black"}, ${more.after ? "black calc(100% - 2rem), transparent" : "black"}`;
  return (
    <nav aria-label="주 메뉴" className="-mx-1 lg:mx-0">
      <div
        ref={listRef}
        data-more-before={more.before}
        data-more-after={more.after}
        style={{ "--nav-fade": `linear-gradient(to right, ${fade})` } as CSSProperties}
        className="flex gap-1 overflow-x-auto [mask-image:var(--nav-fade)] [scrollbar-width:none] lg:flex-col lg:overflow-visible lg:[mask-image:none]"
      >
        {dashboardPages
          .filter((page) => isAdmin || !page.adminOnly)
          .map((page) => {
            const active = page.href === current;
            return (
              <Link
                key={page.href}
                href={page.href}
                aria-current={active ? "page" : undefined}
                className={`shrink-0 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors ${
                  active ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-200 hover:text-slate-900"
                }`}
              >
                {page.label}
              </Link>
            );
          })}
      </div>
    </nav>
  );
}
