import type { ApprovalListRow } from "@/db/queries/approvals";
import { installmentText } from "@/lib/dashboard/labels";
import { maskAccountNumber } from "@/lib/mask";
import { approvalFieldName } from "@/lib/payssam/approval";
import { approvalStateLabels, payTypeText } from "@/lib/payssam/codes";
import type { ExportColumn } from "./columns";

// The approvals export's columns, for the CSV and the Excel file alike.
export const approvalExportColumns: ExportColumn<ApprovalListRow>[] = [
  { header: "ID", kind: "integer", width: 10, value: (row) => row.id },
  { header: `${approvalFieldName("billId")} (billId)`, kind: "text", width: 22, value: (row) => row.billId },
  { header: "상태 코드", kind: "text", width: 10, value: (row) => row.apprState },
  { header: "상태", kind: "text", width: 10, value: (row) => approvalStateLabels[row.apprState] },
  { header: `${approvalFieldName("apprDt")} (KST)`, kind: "kstTime", width: 20, value: (row) => row.apprDt },
  { header: "금액 (원)", kind: "won", width: 14, value: (row) => row.apprPrice },
  {
    header: approvalFieldName("apprPayType"),
    kind: "text",
    width: 16,
    value: (row) => (row.apprPayType ? payTypeText(row.apprPayType) : null),
  },
  { header: approvalFieldName("apprIssuer"), kind: "text", width: 14, value: (row) => row.apprIssuer },
  {
    header: approvalFieldName("apprIssuerNum"),
    kind: "text",
    width: 22,
    value: (row) => (row.apprIssuerNum ? maskAccountNumber(row.apprIssuerNum) : null),
  },
  {
    header: "할부",
    kind: "text",
    width: 8,
    value: (row) => (row.apprMonthly === null ? null : installmentText(row.apprMonthly)),
  },
  { header: approvalFieldName("apprNum"), kind: "text", width: 14, value: (row) => row.apprNum },
];
