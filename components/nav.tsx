"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/", label: "개요" },
  { href: "/needs-action", label: "조치 필요" },
  { href: "/retry-deadlines", label: "재시도 마감" },
  { href: "/merchants", label: "하위가맹점" },
  { href: "/approvals", label: "결제 승인" },
  { href: "/bills", label: "청구서" },
  { href: "/reconciliation", label: "대사" },
  { href: "/callbacks", label: "콜백 수신 기록" },
];

// Only admins can open these; others are not shown a link to a page that would refuse them.
const adminLinks = [
  { href: "/alerts", label: "알림" },
  { href: "/audit", label: "감사 기록" },
];

export function Nav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="주 메뉴" className="-mx-1 flex gap-1 overflow-x-auto lg:mx-0 lg:flex-col">
      {[...links, ...(isAdmin ? adminLinks : [])].map((link) => {
        const active = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`shrink-0 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors ${
              active ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-200 hover:text-slate-900"
            }`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
