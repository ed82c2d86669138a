import type { Database } from "@/db";
import { getReconciliationSummary, reconciliationBatches } from "@/db/queries/reconciliation";
import {
  parseReconciliationSearch,
  type ReconciliationPageFilters,
  reconciliationListFilters,
  reconciliationQueryString,
  summaryRange,
} from "@/lib/dashboard/reconciliation-filters";
import { csvFormat } from "./csv-format";
import { exportHandler } from "./export-route";
import { reconciliationExportColumns, summaryColumns, summaryLines } from "./reconciliation-columns";
import { fixedSheet, xlsxFormat } from "./xlsx-format";

// The 대사 page's downloads, with the page's own URL parser: the CSV is the list; the Excel file
// is a 요약 sheet (count and won per status for the range, as the cards) and the list as 대사_상세.

const reconciliation = {
  name: "reconciliation",
  action: "reconciliation_exported",
  parse: parseReconciliationSearch,
  queryString: (filters: ReconciliationPageFilters) => reconciliationQueryString(filters),
  batches: (db: Database, filters: ReconciliationPageFilters) =>
    reconciliationBatches(db, reconciliationListFilters(filters)),
} as const;

export const reconciliationCsvExport = exportHandler({
  ...reconciliation,
  format: csvFormat(reconciliationExportColumns),
});

export const reconciliationXlsxExport = exportHandler({
  ...reconciliation,
  format: async (db: Database, filters: ReconciliationPageFilters) => {
    const summary = await getReconciliationSummary(db, summaryRange(filters));
    return xlsxFormat("대사_상세", reconciliationExportColumns, undefined, {
      before: [fixedSheet("요약", summaryColumns, summaryLines(summary, filters))],
    });
  },
});
