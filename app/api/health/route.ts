// Uptime monitors and the deploy smoke test GET this: 200 when the database answers within 2 s, else 503. No auth, no secrets.
import { databaseConfigurationProblem, getDb } from "@/db";
import { logger } from "@/lib/logger";
import { checkDatabase } from "./database-check";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export async function GET(): Promise<Response> {
  // A missing setting is named: it is the operator's to fix, and a variable's name is no secret.
  const problem = databaseConfigurationProblem();
  if (problem) {
    logger.error({ event: "health", db: "not_configured", missing: problem.variable }, problem.message);
    return Response.json(
      { status: "error", db: "not_configured", missing: problem.variable, message: problem.message },
      { status: 503, headers: noStore },
    );
  }
  const health = await checkDatabase(getDb, 2000);
  if (health.ok) return Response.json({ status: "ok", db: "ok" }, { headers: noStore });
  // The reason goes to the log only: a driver's message can name hosts and users.
  logger.warn({ event: "health", db: "unreachable", reason: health.reason }, "database unreachable");
  return Response.json({ status: "error", db: "unreachable" }, { status: 503, headers: noStore });
}
