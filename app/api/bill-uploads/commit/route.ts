// The 청구서 page's 등록 (admins): registers the previewed file in one transaction, streams progress.
import { billUploadHandler } from "@/lib/bills/upload-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// 100,000 rows take tens of seconds on the embedded database.
export const maxDuration = 300;

export const POST = billUploadHandler("commit");
