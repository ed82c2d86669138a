import type { MerchantListRow } from "@/db/queries/merchants";
import { formatBusinessNumber } from "@/lib/dashboard/business-number";
import { authMappingFieldName } from "@/lib/payssam/auth-mapping";
import { reviewStatusLabels } from "@/lib/payssam/codes";
import type { ExportColumn } from "./columns";

// The merchants export's columns. The business number is text, written 123-45-67890 as on the page.
export const merchantExportColumns: ExportColumn<MerchantListRow>[] = [
  { header: "ID", kind: "integer", width: 10, value: (row) => row.id },
  { header: authMappingFieldName("memberId"), kind: "text", width: 18, value: (row) => row.memberId },
  { header: authMappingFieldName("merchantId"), kind: "text", width: 18, value: (row) => row.merchantId },
  { header: authMappingFieldName("merchant.companyName"), kind: "text", width: 24, value: (row) => row.companyName },
  { header: authMappingFieldName("merchant.branchName"), kind: "text", width: 16, value: (row) => row.branchName },
  {
    header: authMappingFieldName("merchant.businessNumber"),
    kind: "text",
    width: 16,
    value: (row) => formatBusinessNumber(row.businessNumber),
  },
  { header: "심사 상태 코드", kind: "text", width: 8, value: (row) => row.reviewStatus },
  {
    header: authMappingFieldName("merchant.reviewStatus"),
    kind: "text",
    width: 10,
    value: (row) => reviewStatusLabels[row.reviewStatus],
  },
  {
    header: authMappingFieldName("merchant.reviewMessage"),
    kind: "text",
    width: 50,
    value: (row) => row.reviewMessage,
  },
  {
    header: authMappingFieldName("merchant.isDeleted"),
    kind: "text",
    width: 10,
    value: (row) => (row.isDeleted ? "삭제됨" : ""),
  },
  { header: "최근 변경 (KST)", kind: "kstTime", width: 20, value: (row) => row.updatedAt },
];
