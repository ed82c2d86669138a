import { getDb } from "@/db";
import { logger } from "@/lib/logger";
import { errorAnswer, errorCodes } from "@/lib/payssam/answers";
import type { PayloadKind } from "./classify";
import { readBody } from "./read-body";
import { receiveCallback } from "./receive";

// The three callback routes share these handlers; each route file only names its endpoint.

function remoteAddress(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0].trim() || null;
  return request.headers.get("x-real-ip");
}

const noStore = { "cache-control": "no-store" };

export function callbackPostHandler(endpointKind: PayloadKind | null) {
  return async function receiveCallbackRequest(request: Request): Promise<Response> {
    const started = performance.now();
    const url = new URL(request.url);
    const answer = await receiveCallback(
      {
        endpoint: url.pathname,
        endpointKind,
        body: await readBody(request),
        token: url.searchParams.get("token"),
        remoteAddr: remoteAddress(request),
      },
      getDb,
    );
    const line = {
      event: "callback",
      endpoint: url.pathname,
      kind: answer.kind,
      outcome: answer.outcome,
      status: answer.status,
      code: answer.body.code,
      subject: answer.subject,
      deliveryId: answer.deliveryId,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (answer.status === 503) {
      const reason =
        answer.body.code === errorCodes.notConfigured
          ? "CALLBACK_TOKEN is not set (required when NODE_ENV=production)"
          : String((answer.databaseError as Error | undefined)?.message ?? answer.databaseError);
      logger.error({ ...line, reason }, "callback not stored");
    } else {
      logger.info(line, "callback");
    }
    return Response.json(answer.body, { status: answer.status, headers: noStore });
  };
}

export function methodNotAllowed(request: Request): Response {
  return Response.json(
    errorAnswer(
      errorCodes.methodNotAllowed,
      `${request.method} is not allowed here: PaySsam callbacks are POST requests.`,
    ),
    { status: 405, headers: { ...noStore, allow: "POST" } },
  );
}
