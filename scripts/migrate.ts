// `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to the embedded database in
// PGLITE_DIR when DATABASE_URL is unset. Run it before starting a new version (Vercel: in the build).
import { openDatabase } from "@/db";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { env } from "@/lib/env";

async function main(): Promise<number> {
  let target = "the database";
  try {
    const { DATABASE_URL, PGLITE_DIR } = env();
    // Named without the password: this line ends up in build logs.
    target = DATABASE_URL
      ? `PostgreSQL ${new URL(DATABASE_URL).host}${new URL(DATABASE_URL).pathname}`
      : `the embedded database ${PGLITE_DIR}`;
    const started = performance.now();
    const handle = await openDatabase(
      DATABASE_URL ? { url: DATABASE_URL, migrate: true, poolMax: 1 } : { pgliteDir: PGLITE_DIR, migrate: true },
    );
    await handle.close();
    console.log(`Migrations applied to ${target} (${Math.round(performance.now() - started)} ms).`);
    return 0;
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(`${error.message}\nThe app applies migrations itself when it opens the embedded database.`);
      return 1;
    }
    // Drizzle wraps driver errors in "Failed query: …"; the cause says what went wrong.
    const reason = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    console.error(`Could not apply migrations to ${target}: ${reason}`);
    return 1;
  }
}

process.exitCode = await main();
