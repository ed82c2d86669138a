import type { Database } from "@/db";

// A callback's one statement either ran or could not: the answer differs (503 and a retry), never
// the path, so the failure is a value rather than an exception.

export type DatabaseResult<Result> = { ok: true; result: Result } | { ok: false; error: unknown };

export async function withDatabase<Result>(
  openDb: () => Promise<Database>,
  work: (db: Database) => Promise<Result>,
): Promise<DatabaseResult<Result>> {
  try {
    return { ok: true, result: await work(await openDb()) };
  } catch (error) {
    return { ok: false, error };
  }
}
