import type { ReconciliationListRow, ReconciliationSummary } from "@/db/queries/reconciliation";
import type { ApprovalState } from "@/db/schema";
import { formatKst } from "@/lib/kst";
import { formatWon } from "@/lib/money";
import { approvalStateLabels } from "@/lib/payssam/codes";
import { atRiskStatuses, mismatchReasonLabels, reconciliationStatusLabels } from "@/lib/reconcile/statuses";
import type { ExportColumn } from "./columns";

// The 대사 export: the 대사_상세 sheet (and the CSV) has a row per bill as the list shows it; the
// Excel file's first sheet sums the range per status as the page's cards do.

type Difference = NonNullable<ReconciliationListRow["differences"]>[number];

/** One side of a difference as staff read it: won grouped, a state in Korean, a time in KST. */
function shownSide(reason: string, value: string | null): string {
  if (value === null) return "없음";
  if (reason === "amount") return value.replaceAll(/\d+/g, (digits) => formatWon(Number(digits)));
  if (reason === "state") return approvalStateLabels[value as ApprovalState] ?? value;
  if (reason === "approval_time") {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? value : formatKst(instant);
  }
  return value;
}

function differenceLine(difference: Difference): string {
  const label = mismatchReasonLabels[difference.reason as keyof typeof mismatchReasonLabels] ?? difference.reason;
  return `${label}: 우리 ${shownSide(difference.reason, difference.ours)} / PaySsam ${shownSide(difference.reason, difference.payssam)}`;
}

/** What differs, "금액: 우리 ₩12,000 / PaySsam ₩13,000", one reason a line. */
export function differencesText(row: Pick<ReconciliationListRow, "differences">): string | null {
  if (!row.differences || row.differences.length === 0) return null;
  return row.differences.map(differenceLine).join("\n");
}

const approvalStateName = (row: ReconciliationListRow) => (row.apprState ? approvalStateLabels[row.apprState] : null);
// Marks an approval the job stored from PaySsam's read because its callback never came.
const recoveredMark = (row: ReconciliationListRow) => (row.recoveredAt ? "예" : null);

export const reconciliationExportColumns: ExportColumn<ReconciliationListRow>[] = [
  { header: "청구서 ID (billId)", kind: "text", width: 22, value: (row) => row.billId },
  { header: "대사 상태", kind: "text", width: 12, value: (row) => reconciliationStatusLabels[row.status] },
  {
    header: "불일치 사유",
    kind: "text",
    width: 20,
    value: (row) => row.reasons.map((reason) => mismatchReasonLabels[reason]).join(", ") || null,
  },
  { header: "차이 (우리 / PaySsam)", kind: "text", width: 40, value: differencesText },
  { header: "회원 코드", kind: "text", width: 16, value: (row) => row.memberId },
  { header: "가맹점 코드", kind: "text", width: 16, value: (row) => row.merchantId },
  { header: "청구 금액 (원)", kind: "won", width: 14, value: (row) => row.amount },
  { header: "발행 일시 (KST)", kind: "kstTime", width: 20, value: (row) => row.issuedAt },
  { header: "만료일", kind: "text", width: 12, value: (row) => row.expireDate },
  { header: "승인 상태", kind: "text", width: 10, value: approvalStateName },
  { header: "승인 금액 (원)", kind: "won", width: 14, value: (row) => row.apprPrice },
  { header: "승인번호", kind: "text", width: 14, value: (row) => row.apprNum },
  { header: "승인 일시 (KST)", kind: "kstTime", width: 20, value: (row) => row.apprDt },
  { header: "대사로 복구", kind: "text", width: 10, value: recoveredMark },
  { header: "주문 번호", kind: "text", width: 18, value: (row) => row.orderRef },
  { header: "상품명", kind: "text", width: 24, value: (row) => row.productName },
  { header: "마지막 조회 (KST)", kind: "kstTime", width: 20, value: (row) => row.lastReadAt },
  { header: "조회 실패 사유", kind: "text", width: 30, value: (row) => row.lastError },
  { header: "상태 시작 (KST)", kind: "kstTime", width: 20, value: (row) => row.statusSince },
];

export interface SummaryLine {
  label: string;
  count: number | null;
  amount: number | null;
}

export const summaryColumns: ExportColumn<SummaryLine>[] = [
  { header: "구분", kind: "text", width: 36, value: (line) => line.label },
  { header: "건수", kind: "integer", width: 12, value: (line) => line.count },
  { header: "금액 (원)", kind: "won", width: 18, value: (line) => line.amount },
];

/** The summary sheet's lines: the range, each status, the won at risk and the total. */
export function summaryLines(summary: ReconciliationSummary, range: { from?: string; to?: string }): SummaryLine[] {
  const period = `기간 (발행일, KST): ${range.from ?? "처음"} ~ ${range.to ?? "지금"}`;
  const risky = atRiskStatuses.map((status) => reconciliationStatusLabels[status]).join(" + ");
  return [
    { label: period, count: null, amount: null },
    ...summary.byStatus.map((row) => ({
      label: reconciliationStatusLabels[row.status],
      count: row.count,
      amount: row.amount,
    })),
    { label: `위험 금액 (${risky})`, count: summary.atRisk.count, amount: summary.atRisk.amount },
    { label: "합계", count: summary.total.count, amount: summary.total.amount },
  ];
}
