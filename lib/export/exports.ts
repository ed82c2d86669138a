import type { Database } from "@/db";
import { approvalBatches } from "@/db/queries/approvals";
import { merchantBatches } from "@/db/queries/merchants";
import { approvalsQueryString, parseApprovalsSearch } from "@/lib/dashboard/approval-filters";
import { merchantsQueryString, parseMerchantsSearch } from "@/lib/dashboard/merchant-filters";
import { approvalExportColumns } from "./approval-columns";
import { csvFormat } from "./csv-format";
import { exportHandler } from "./export-route";
import { merchantExportColumns } from "./merchant-columns";
import { xlsxFormat } from "./xlsx-format";

// The dashboard's downloads: each list with its page's own URL parser (so a file holds what the
// page shows) in the formats it comes in. The route files under app/api/export/ only mount these.

const approvals = {
  name: "approvals",
  action: "approvals_exported",
  parse: parseApprovalsSearch,
  queryString: (filters: Parameters<typeof approvalsQueryString>[0]) => approvalsQueryString(filters),
  batches: (db: Database, filters: Parameters<typeof approvalBatches>[1]) => approvalBatches(db, filters),
} as const;

const merchants = {
  name: "merchants",
  action: "merchants_exported",
  parse: parseMerchantsSearch,
  queryString: (filters: Parameters<typeof merchantsQueryString>[0]) => merchantsQueryString(filters),
  batches: (db: Database, filters: Parameters<typeof merchantBatches>[1]) => merchantBatches(db, filters),
} as const;

export const approvalsCsvExport = exportHandler({ ...approvals, format: csvFormat(approvalExportColumns) });
export const approvalsXlsxExport = exportHandler({
  ...approvals,
  format: xlsxFormat("결제 승인", approvalExportColumns),
});
export const merchantsXlsxExport = exportHandler({
  ...merchants,
  format: xlsxFormat("하위가맹점", merchantExportColumns),
});
