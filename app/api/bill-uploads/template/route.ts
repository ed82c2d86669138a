// The 청구서 page's 양식 내려받기: the empty upload form, ?format=xlsx (default) or csv.
import { authenticateRequest } from "@/lib/auth/session";
import { billTemplate, billTemplateFileName } from "@/lib/bills/upload-template";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const { denied } = await authenticateRequest(request);
  if (denied) return denied;
  const kind = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const template = await billTemplate(kind);
  return new Response(new Uint8Array(template.bytes), {
    headers: {
      "content-type": template.contentType,
      "content-disposition": `attachment; filename="${billTemplateFileName[kind]}"`,
      "cache-control": "no-store",
    },
  });
}
