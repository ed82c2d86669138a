import postgres from "postgres";
import { testDatabasePrefix } from "./test-run";

// vitest globalSetup of the PostgreSQL project: after the run, drops every database this run
// created that a test file could not drop in time (see setUpTestDatabase).
export default function dropTestDatabasesAfterRun() {
  return async () => {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) return;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      const left = await admin<{ datname: string }[]>`
        SELECT datname FROM pg_database WHERE starts_with(datname, ${testDatabasePrefix()})`;
      for (const { datname } of left) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
}
