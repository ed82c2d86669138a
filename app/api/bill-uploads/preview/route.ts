// The 청구서 page's 미리보기 (admins): checks an uploaded file, streams progress, writes nothing.
import { billUploadHandler } from "@/lib/bills/upload-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const maxDuration = 300;

export const POST = billUploadHandler("preview");
