import { after } from "next/server";
import { getDb } from "@/db";
import { sendAlertsNow } from "@/lib/alerts/run";
import { alertsConfigured } from "@/lib/alerts/settings";
import { requestClientAddress } from "@/lib/http/client-address";
import { callbackLogger } from "@/lib/logger";
import { errorAnswer, errorCodes } from "@/lib/payssam/answers";
import { type CallbackEndpointName, callbackEndpoint } from "./endpoints";
import { bodyFromRequest, type ReadLimits } from "./read-body";
import { type CallbackRequest, receiveCallback } from "./receive";

// The three callback routes share these handlers; each route file only names its endpoint.

const noStore = { "cache-control": "no-store" };

export function callbackPostHandler(name: CallbackEndpointName) {
  const endpoint = callbackEndpoint(name);
  return async function receiveCallbackRequest(request: Request): Promise<Response> {
    const response = await handleCallbackRequest(request, endpoint);
    // After the answer is sent: an alert this callback queued goes out now, and a slow or failing
    // webhook never delays or fails PaySsam's callback.
    if (alertsConfigured()) afterResponse(sendAlertsNow);
    return response;
  };
}

// after() exists only inside a Next.js request; called from elsewhere (tests, the simulator's
// handlers) the work simply starts now, unawaited, which is what after() does once the answer is out.
function afterResponse(work: () => Promise<void>) {
  try {
    after(work);
  } catch {
    void work();
  }
}

/** One callback request to its answer; `limits` lets tests shorten the stall timeout. */
export async function handleCallbackRequest(
  request: Request,
  endpoint: CallbackRequest["endpoint"],
  limits: ReadLimits = {},
): Promise<Response> {
  const started = performance.now();
  const answer = await receiveCallback(
    {
      endpoint,
      token: new URL(request.url).searchParams.get("token"),
      remoteAddr: requestClientAddress(request.headers),
      body: bodyFromRequest(request),
    },
    getDb,
    limits,
  );
  const line = {
    event: "callback",
    endpoint: endpoint.path,
    kind: answer.kind,
    outcome: answer.outcome,
    status: answer.status,
    code: answer.body.code,
    subject: answer.subject,
    deliveryId: answer.deliveryId,
    tokenEntry: answer.tokenEntry,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
  if (answer.databaseError !== undefined || answer.status === 503) {
    const reason =
      answer.body.code === errorCodes.notConfigured
        ? "CALLBACK_TOKEN is not set (required when NODE_ENV=production)"
        : String((answer.databaseError as Error | undefined)?.message ?? answer.databaseError);
    callbackLogger.error({ ...line, reason }, "callback not stored");
  } else if (answer.outcome === "counted") {
    // Beyond the minute's log cap: the dashboard's counter has it; a flood must not flood the logs.
    callbackLogger.debug(line, "callback");
  } else {
    callbackLogger.info(line, "callback");
  }
  return Response.json(answer.body, {
    status: answer.status,
    // Whatever of the body was not read is not read at all: the connection is closed, not drained.
    headers: answer.closeConnection ? { ...noStore, connection: "close" } : noStore,
  });
}

export function methodNotAllowed(request: Request): Response {
  return Response.json(
    errorAnswer(
      errorCodes.methodNotAllowed,
      `${request.method} is not allowed here: PaySsam callbacks are POST requests.`,
    ),
    { status: 405, headers: { ...noStore, allow: "POST, OPTIONS" } },
  );
}

/** CORS-style preflight or a curious client: no content, and what is allowed. */
export function callbackOptions(): Response {
  return new Response(null, { status: 204, headers: { ...noStore, allow: "POST, OPTIONS" } });
}
