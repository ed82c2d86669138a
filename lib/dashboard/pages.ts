// The dashboard's pages in the order the navigation lists them: the navigation, its highlight,
// the admin-only check (a viewer's full page load answers 403) and each list page's title and
// description all read this one list.

export interface DashboardPage {
  href: string;
  label: string;
  /** Only admins may open it; the navigation shows it to admins only. */
  adminOnly: boolean;
  /** A list page's line under its title: what the list holds and how to read it. */
  description?: string;
}

export const dashboardPages: readonly DashboardPage[] = [
  { href: "/", label: "개요", adminOnly: false },
  {
    href: "/needs-action",
    label: "조치 필요",
    adminOnly: false,
    description:
      "PaySsam이 반려(R)했거나 서류보완(S)을 요청한 가맹점입니다. 가장 오래 기다린 가맹점부터 보여 줍니다. 연락했으면 확인을 누르고, 통화 내용은 메모로 남기세요.",
  },
  {
    href: "/retry-deadlines",
    label: "재시도 마감",
    adminOnly: false,
    description:
      "PaySsam은 0000을 받지 못한 콜백을 1시간마다, 처음 보낸 때부터 24시간 동안 다시 보냅니다. 그 안에 받아 저장하지 못하면 그 결제나 연동 결과는 다시 오지 않습니다.",
  },
  {
    href: "/merchants",
    label: "하위가맹점",
    adminOnly: false,
    description:
      "PaySsam 연동 결과 콜백으로 받은 하위가맹점과 심사 상태입니다. 반려(R)·서류보완(S)은 심사 메시지를 확인하세요.",
  },
  {
    href: "/approvals",
    label: "결제 승인",
    adminOnly: false,
    description: "PaySsam이 보낸 결제 승인 콜백입니다. 날짜는 모두 한국 시간(KST) 기준입니다.",
  },
  {
    href: "/bills",
    label: "청구서",
    adminOnly: false,
    description:
      "우리가 PaySsam으로 보낸 청구서입니다. 대사는 이 목록을 기준으로 PaySsam의 기록을 한 건씩 조회합니다. 시간은 한국 시간(KST)입니다.",
  },
  {
    href: "/reconciliation",
    label: "대사",
    adminOnly: false,
    description:
      "우리 청구서와 받은 콜백을 PaySsam의 기록(/bill/read)과 한 건씩 맞춰 봅니다. 날짜는 청구서 발행일, 한국 시간(KST) 기준입니다.",
  },
  {
    href: "/callbacks",
    label: "콜백 수신 기록",
    adminOnly: false,
    description: "PaySsam이 보낸 모든 콜백과 그 처리 결과입니다. 거부된 수신은 상세 화면에서 다시 처리할 수 있습니다.",
  },
  {
    href: "/alerts",
    label: "알림",
    adminOnly: true,
    description:
      "반려·서류보완, 콜백 거부, 재시도 마감 4시간 전, 토큰 오류 급증을 웹훅(Slack 등)으로 보낸 기록입니다. 실패한 알림은 다시 보낼 수 있습니다.",
  },
  {
    href: "/audit",
    label: "감사 기록",
    adminOnly: true,
    description:
      "누가 언제 어디서(접속 주소) 무엇을 했는지: 로그인과 실패, 사용자 관리, 다시 처리, 내보내기. 1년 이상 보관하며 고치거나 지울 수 없습니다.",
  },
  { href: "/users", label: "사용자 관리", adminOnly: true },
];

/** The page a path belongs to (a detail page belongs to its list), or undefined. */
export function pageOfPath(pathname: string): DashboardPage | undefined {
  return dashboardPages.find((page) =>
    page.href === "/" ? pathname === "/" : pathname === page.href || pathname.startsWith(`${page.href}/`),
  );
}
