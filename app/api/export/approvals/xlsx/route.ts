// The dashboard's "엑셀 다운로드" on /approvals: the list with the URL's filters as a streamed .xlsx.
import { approvalsXlsxExport } from "@/lib/export/exports";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = approvalsXlsxExport;
