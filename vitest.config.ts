import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects run the same integration suite: on an in-memory PGlite always, and on real
// PostgreSQL when TEST_DATABASE_URL is set (each test file then gets its own database).
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
          include: ["test/**/*.test.ts"],
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
