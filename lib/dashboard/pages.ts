// The dashboard's pages in the order the navigation lists them: the navigation, its highlight and
// the admin-only check (a viewer's full page load answers 403) all read this one list.

export interface DashboardPage {
  href: string;
  label: string;
  /** Only admins may open it; the navigation shows it to admins only. */
  adminOnly: boolean;
}

export const dashboardPages: readonly DashboardPage[] = [
  { href: "/", label: "개요", adminOnly: false },
  { href: "/needs-action", label: "조치 필요", adminOnly: false },
  { href: "/retry-deadlines", label: "재시도 마감", adminOnly: false },
  { href: "/merchants", label: "하위가맹점", adminOnly: false },
  { href: "/approvals", label: "결제 승인", adminOnly: false },
  { href: "/bills", label: "청구서", adminOnly: false },
  { href: "/reconciliation", label: "대사", adminOnly: false },
  { href: "/callbacks", label: "콜백 수신 기록", adminOnly: false },
  { href: "/alerts", label: "알림", adminOnly: true },
  { href: "/audit", label: "감사 기록", adminOnly: true },
  { href: "/users", label: "사용자 관리", adminOnly: true },
];

/** The page a path belongs to (a detail page belongs to its list), or undefined. */
export function pageOfPath(pathname: string): DashboardPage | undefined {
  return dashboardPages.find((page) =>
    page.href === "/" ? pathname === "/" : pathname === page.href || pathname.startsWith(`${page.href}/`),
  );
}
