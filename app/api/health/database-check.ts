import { sql } from "drizzle-orm";
import type { Database } from "@/db";

export type DatabaseHealth = { ok: true } | { ok: false; reason: string };

/**
 * Whether the database answers `select 1` within `timeoutMs`, opening included: a pooler that
 * accepts connections but never answers must count as down, so the wait is bounded.
 */
export async function checkDatabase(openDb: () => Promise<Database>, timeoutMs: number): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const query = (async (): Promise<DatabaseHealth> => {
    try {
      await (await openDb()).execute(sql`select 1`);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  })();
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
