import type { Database } from "@/db";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { bodyFromText } from "@/lib/callbacks/read-body";
import { receiveCallback } from "@/lib/callbacks/receive";
import type { SendDelivery } from "./run";

// Sends simulated deliveries straight into receiveCallback(), the code path of a real callback,
// with a database handle of the caller's choosing (the seed script's own, or a transaction).
// Unlike HTTP, this path backdates a delivery to its planned time (receivedAt).

export function inProcessSender(openDb: () => Promise<Database>, callbackToken: string | null): SendDelivery {
  return async (delivery) => {
    const started = performance.now();
    const answer = await receiveCallback(
      {
        endpoint: callbackEndpoint(delivery.endpoint),
        body: bodyFromText(delivery.body),
        token: delivery.wrongToken ? "not-the-callback-token" : callbackToken,
        remoteAddr: null,
        receivedAt: delivery.receivedAt,
      },
      openDb,
    );
    return { status: answer.status, code: answer.body.code, latencyMs: performance.now() - started };
  };
}
