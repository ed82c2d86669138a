// The partner's systems POST the bills they issued here (Authorization: Bearer <PARTNER_API_TOKEN>);
// answers {"accepted","unchanged","refused"} or a 400/401/413 JSON problem (lib/bills/receive.ts).
import { getDb } from "@/db";
import { receiveBills } from "@/lib/bills/receive";
import { bodyFromRequest } from "@/lib/callbacks/read-body";
import { logger } from "@/lib/logger";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const started = performance.now();
  const answer = await receiveBills(
    { authorization: request.headers.get("authorization"), body: bodyFromRequest(request) },
    getDb,
  );
  const line = {
    event: "bills",
    status: answer.status,
    tokenEntry: answer.tokenEntry,
    ...("accepted" in answer.body
      ? { accepted: answer.body.accepted, unchanged: answer.body.unchanged, refused: answer.body.refused.length }
      : { error: answer.body.error }),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
  if (answer.databaseError !== undefined) {
    logger.error(
      { ...line, reason: String((answer.databaseError as Error).message ?? answer.databaseError) },
      "bills not stored",
    );
  } else logger.info(line, "bills");
  return Response.json(answer.body, {
    status: answer.status,
    headers: {
      "cache-control": "no-store",
      ...(answer.status === 401 ? { "www-authenticate": "Bearer" } : {}),
    },
  });
}
