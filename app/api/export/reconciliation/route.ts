// The 대사 page's "CSV 내보내기": the list with the URL's filters, streamed a batch at a time.
import { reconciliationCsvExport } from "@/lib/export/reconciliation-export";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = reconciliationCsvExport;
