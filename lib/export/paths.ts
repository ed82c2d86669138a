// Where the pages link to their downloads (a filter's query string follows): the route files
// under app/api/export/ sit at these paths.
export const exportPaths = {
  approvalsCsv: "/api/export/approvals",
  approvalsXlsx: "/api/export/approvals/xlsx",
  merchantsXlsx: "/api/export/merchants/xlsx",
  reconciliationCsv: "/api/export/reconciliation",
  reconciliationXlsx: "/api/export/reconciliation/xlsx",
} as const;
