import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:vitest`. Tests live in four folders (docs/testing.md): unit (pure functions),
// integration (a database, route handlers, scripts), property (fast-check suites over input
// boundaries) and embedded (the embedded database's files and lock). Two projects: everything on an
// in-memory PGlite always, and the integration suite again on real PostgreSQL when
// TEST_DATABASE_URL is set (each test file then gets its own database).
const root = path.dirname(new URL(import.meta.url).pathname);
const alias = { "@": root, "server-only": path.join(root, "test/support/server-only.ts") };
// One id per run: its PostgreSQL test databases are named after it (test/support/test-run.ts).
process.env.TEST_RUN_ID ??= `${Date.now().toString(36)}${process.pid.toString(36)}`;

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "pglite",
          include: ["test/{unit,integration,property,embedded}/**/*.test.ts"],
          env: { TEST_DRIVER: "pglite", LOG_LEVEL: "silent" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                include: ["test/integration/**/*.test.ts"],
                globalSetup: ["test/support/drop-test-databases.ts"],
                env: { TEST_DRIVER: "postgres", LOG_LEVEL: "silent" },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
