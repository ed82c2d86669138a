import { approvalBatches } from "@/db/queries/approvals";
import { merchantBatches } from "@/db/queries/merchants";
import { approvalsQueryString, parseApprovalsSearch } from "@/lib/dashboard/approval-filters";
import { merchantsQueryString, parseMerchantsSearch } from "@/lib/dashboard/merchant-filters";
import { approvalExportColumns } from "./approval-columns";
import { csvFormat } from "./csv-format";
import { type ExportSpec, exportHandler } from "./export-route";
import { merchantExportColumns } from "./merchant-columns";
import { xlsxFormat } from "./xlsx-format";

// The dashboard's downloads: each list with its page's own URL parser (so a file holds what the
// page shows) in the formats it comes in. The route files under app/api/export/ only mount these.

/** A list's part of an export: the page's parser and query string, and its rows a batch at a time. */
function listExport<Filters, Row>(
  name: "approvals" | "merchants",
  parse: ExportSpec<Filters, Row>["parse"],
  queryString: ExportSpec<Filters, Row>["queryString"],
  batches: ExportSpec<Filters, Row>["batches"],
) {
  return { name, action: `${name}_exported` as const, parse, queryString, batches };
}

// The batches are looked up when called, not when this module loads, so tests can replace them.
const approvals = listExport("approvals", parseApprovalsSearch, approvalsQueryString, (db, filters) =>
  approvalBatches(db, filters),
);
const merchants = listExport("merchants", parseMerchantsSearch, merchantsQueryString, (db, filters) =>
  merchantBatches(db, filters),
);

export const approvalsCsvExport = exportHandler({ ...approvals, format: csvFormat(approvalExportColumns) });
export const approvalsXlsxExport = exportHandler({
  ...approvals,
  format: xlsxFormat("결제 승인", approvalExportColumns),
});
export const merchantsXlsxExport = exportHandler({
  ...merchants,
  format: xlsxFormat("하위가맹점", merchantExportColumns),
});
