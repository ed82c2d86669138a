// The 대사 page's "엑셀 다운로드": a 요약 sheet and the list as 대사_상세, streamed.
import { reconciliationXlsxExport } from "@/lib/export/reconciliation-export";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = reconciliationXlsxExport;
