// The dashboard's "CSV 내보내기": the approvals list with the URL's filters, streamed a batch at a time.
import { approvalsCsvExport } from "@/lib/export/exports";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = approvalsCsvExport;
