import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { type Database, getDb } from "@/db";
import { recordRequestAction } from "@/lib/audit/record";
import { authenticateRequest } from "@/lib/auth/session";
import { bodyFromRequest } from "@/lib/callbacks/read-body";
import { logger } from "@/lib/logger";
import { registerUpload, type UploadTally } from "./upload-check";
import type { BillUploadEvent } from "./upload-events";
import { BillUploadError, readBillUpload, uploadKindOf } from "./upload-read";

// The two steps of a bill upload, for admins. The page gzips the file in the browser (a 100,000-row
// CSV is ~12 MB, past what Next.js buffers for proxy.ts, ~2 MB gzipped) and posts it twice:
//   preview – every row checked and registered inside a transaction that is rolled back: the
//             answer is exactly what the commit would do, and nothing is written;
//   commit  – the same file again (its digest must be the previewed one), registered in one
//             transaction: all of its valid rows or none, and an audit entry.
// Nothing is kept between the two, so it works the same on one server or many.

const maxGzippedBytes = 20 * 1024 * 1024;
const maxFileBytes = 64 * 1024 * 1024;
const encoder = new TextEncoder();

class PreviewDone extends Error {
  constructor(readonly tally: UploadTally) {
    super("preview rolled back");
  }
}

function refusal(status: number, message: string): Response {
  return Response.json({ type: "error", message }, { status, headers: { "cache-control": "no-store" } });
}

export function billUploadHandler(step: "preview" | "commit") {
  return async function handleBillUpload(request: Request): Promise<Response> {
    const { staff, denied } = await authenticateRequest(request, { role: "admin" });
    if (denied) return denied;
    const url = new URL(request.url);
    const fileName = (url.searchParams.get("name") ?? "").slice(0, 200);
    const kind = uploadKindOf(fileName);
    if (!kind) return refusal(400, ".xlsx 또는 .csv 파일만 올릴 수 있습니다.");

    const body = await bodyFromRequest(request).read({ limit: maxGzippedBytes, stallMs: 30_000, totalMs: 300_000 });
    if (body.state === "too_large") return refusal(413, "파일이 너무 큽니다. 20만 행 이하로 나눠 올려 주세요.");
    if (body.state !== "complete") return refusal(400, "파일을 받는 중 연결이 끊겼습니다. 다시 올려 주세요.");
    let file: Buffer;
    try {
      file = gunzipSync(body.bytes, { maxOutputLength: maxFileBytes });
    } catch (error) {
      const tooLarge = (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
      return tooLarge
        ? refusal(413, "파일이 너무 큽니다. 20만 행 이하로 나눠 올려 주세요.")
        : refusal(400, "파일을 받지 못했습니다 (압축이 올바르지 않습니다). 다시 올려 주세요.");
    }
    const digest = createHash("sha256").update(file).digest("hex");
    if (step === "commit" && url.searchParams.get("digest") !== digest) {
      return refusal(409, "미리 본 파일과 다릅니다. 파일을 다시 골라 미리보기부터 해 주세요.");
    }

    const db = await getDb();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: BillUploadEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        const started = performance.now();
        try {
          const tally = await db.transaction(async (tx) => {
            const counted = await registerUpload(tx as unknown as Database, readBillUpload(file, kind), (rows) =>
              send({ type: "progress", rows }),
            );
            if (step === "preview") throw new PreviewDone(counted);
            await recordRequestAction(tx as unknown as Database, request.headers, {
              action: "bills_uploaded",
              actor: { id: staff.id, email: staff.email },
              target: fileName,
              details: {
                rows: counted.rows,
                accepted: counted.accepted,
                unchanged: counted.unchanged,
                refused: counted.refusedCount,
                sha256: digest,
              },
            });
            return counted;
          });
          logger.info(
            {
              event: "bill-upload",
              rows: tally.rows,
              accepted: tally.accepted,
              ms: Math.round(performance.now() - started),
            },
            "bills uploaded",
          );
          send({ type: "committed", tally });
        } catch (error) {
          if (error instanceof PreviewDone) send({ type: "preview", digest, tally: error.tally });
          else if (error instanceof BillUploadError) send({ type: "error", message: error.message });
          else {
            const reason =
              error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : "unknown";
            logger.error({ event: "bill-upload", step, reason }, "bill upload failed");
            send({
              type: "error",
              message: "저장하지 못했습니다. 아무것도 등록되지 않았습니다. 잠시 뒤 다시 해 주세요.",
            });
          }
        } finally {
          controller.close();
        }
      },
    });
    return new Response(stream, {
      headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
    });
  };
}
