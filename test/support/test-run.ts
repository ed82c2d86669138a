// The PostgreSQL databases one vitest run creates share a prefix, so the run's teardown can drop
// exactly its own (another run on the same server keeps its databases). vitest.config.ts sets
// TEST_RUN_ID once per run, before the workers start.
export function testDatabasePrefix(): string {
  const runId = process.env.TEST_RUN_ID;
  if (!runId || !/^[a-z0-9]+$/.test(runId))
    throw new Error("TEST_RUN_ID is not set: run the tests through vitest.config.ts");
  return `payssam_test_${runId}_`;
}
